using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;
using ArcActors.Host.Deployment;
using ArcActors.Host.Jobs;
using ArcActors.Host.Relay;
using Xunit;

namespace ArcActors.Tests.Jobs;

/// <summary>
/// The InstallUpdate job handler on a <see cref="SteppingClock"/>, with a maintenance window every Sunday from 02:00
/// to 06:00 UTC. 2026-11-29 is a Sunday.
/// </summary>
public sealed class InstallUpdateJobHandlerTests
{
    private static readonly DateTimeOffset SundayInWindow = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SaturdayLate = new(2026, 11, 28, 23, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NextWindowStart = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    private readonly SimulatedUpdateExecutor _executor = new();

    private static JobRun Run(DateTimeOffset queuedAt, string classification = "Critical", string os = "Windows", TimeSpan? timeout = null)
    {
        var parameters = new Dictionary<string, string>
        {
            [InstallUpdateJobHandler.UpdateIdParameter] = "KB5040948",
            [InstallUpdateJobHandler.ClassificationParameter] = classification,
            [InstallUpdateJobHandler.WindowDayParameter] = "Sunday",
            [InstallUpdateJobHandler.WindowStartParameter] = "02:00",
            [InstallUpdateJobHandler.WindowHoursParameter] = "4",
        };
        var job = new JobCommand(Guid.NewGuid(), Guid.NewGuid(), JobKinds.InstallUpdate, "", parameters, queuedAt, timeout ?? TimeSpan.FromDays(8), "test");
        return new JobRun(job, 1, new MachineSnapshot { VmId = job.VmId, HostName = "sql-prod-01", Os = os });
    }

    [Theory]
    [InlineData("Critical")]
    [InlineData("important")]
    public async Task Handler_InsideWindowInstallsNow(string classification)
    {
        var clock = new SteppingClock(SundayInWindow);

        var outcome = await new InstallUpdateJobHandler(_executor, clock).RunAsync(Run(SundayInWindow, classification), CancellationToken.None);

        Assert.Equal(JobState.Succeeded, outcome.State);
        Assert.Equal(["KB5040948"], _executor.InstalledIds);
        Assert.Contains("KB5040948", outcome.Result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Moderate")]
    [InlineData("Low")]
    [InlineData("Unspecified")]
    public async Task Handler_LowClassificationFails(string classification)
    {
        var clock = new SteppingClock(SundayInWindow);

        var outcome = await new InstallUpdateJobHandler(_executor, clock).RunAsync(Run(SundayInWindow, classification), CancellationToken.None);

        Assert.Equal(JobState.Failed, outcome.State);
        Assert.Contains(classification, outcome.Message, StringComparison.Ordinal);
        Assert.Contains("Critical and Important", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(_executor.InstalledIds);
    }

    [Fact]
    public async Task Handler_LinuxHostFails()
    {
        var clock = new SteppingClock(SundayInWindow);

        var outcome = await new InstallUpdateJobHandler(_executor, clock).RunAsync(Run(SundayInWindow, os: "Linux"), CancellationToken.None);

        Assert.Equal(JobState.Failed, outcome.State);
        Assert.Contains("Windows", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(_executor.InstalledIds);
    }

    [Fact]
    public async Task Handler_WaitsUntilWindowOpens()
    {
        var clock = new SteppingClock(SaturdayLate);
        var handler = new InstallUpdateJobHandler(_executor, clock);

        var running = handler.RunAsync(Run(SaturdayLate), CancellationToken.None);
        clock.Advance(NextWindowStart - SaturdayLate - TimeSpan.FromMinutes(1));
        var doneBeforeWindow = running.IsCompleted;
        var installedBeforeWindow = _executor.InstalledIds.Count;
        clock.Advance(TimeSpan.FromMinutes(1));
        var outcome = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(doneBeforeWindow);
        Assert.Equal(0, installedBeforeWindow);
        Assert.Equal(JobState.Succeeded, outcome.State);
        Assert.Equal(["KB5040948"], _executor.InstalledIds);
    }

    [Fact]
    public async Task Handler_WindowAfterDeadlineFails()
    {
        var clock = new SteppingClock(SaturdayLate);

        var outcome = await new InstallUpdateJobHandler(_executor, clock)
            .RunAsync(Run(SaturdayLate, timeout: TimeSpan.FromHours(2)), CancellationToken.None);

        Assert.Equal(JobState.Failed, outcome.State);
        Assert.Contains("outside the maintenance window", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("2026-11-29T02:00:00Z", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("send the job again", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(_executor.InstalledIds);
    }

    [Fact]
    public async Task Handler_CancelledWhileWaitingInstallsNothing()
    {
        var clock = new SteppingClock(SaturdayLate);
        using var deadline = new CancellationTokenSource();

        var running = new InstallUpdateJobHandler(_executor, clock).RunAsync(Run(SaturdayLate), deadline.Token);
        await deadline.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(_executor.InstalledIds);
    }

    [Theory]
    [InlineData("Funday", "02:00", "4", InstallUpdateJobHandler.WindowDayParameter)]
    [InlineData("3", "02:00", "4", InstallUpdateJobHandler.WindowDayParameter)]
    [InlineData("Sunday", "2:00", "4", InstallUpdateJobHandler.WindowStartParameter)]
    [InlineData("Sunday", "02:00", "0", InstallUpdateJobHandler.WindowHoursParameter)]
    [InlineData("Sunday", "02:00", "169", InstallUpdateJobHandler.WindowHoursParameter)]
    public void Window_InvalidParameterNamed(string day, string start, string hours, string parameter)
    {
        var error = Assert.Throws<JobInputException>(() => InstallUpdateJobHandler.Window(day, start, hours));

        Assert.Contains(parameter, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Critical", InstallUpdateJobHandler.UpdateIdParameter)]
    [InlineData("KB1", "Urgent", InstallUpdateJobHandler.ClassificationParameter)]
    [InlineData("KB1", "0", InstallUpdateJobHandler.ClassificationParameter)]
    public void Update_InvalidParameterNamed(string updateId, string classification, string parameter)
    {
        var error = Assert.Throws<JobInputException>(() => InstallUpdateJobHandler.Update(updateId, classification));

        Assert.Contains(parameter, error.Message, StringComparison.Ordinal);
    }
}
