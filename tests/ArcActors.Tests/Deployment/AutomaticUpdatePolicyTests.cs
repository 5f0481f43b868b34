using ArcActors.Host.Deployment;
using Xunit;

namespace ArcActors.Tests.Deployment;

public sealed class AutomaticUpdatePolicyTests
{
    // Saturday 22:00 UTC for four hours: the window runs past midnight into Sunday, the first day of .NET's week.
    private static readonly AutomaticUpdatePolicy SaturdayNight = new(new MaintenanceWindow(DayOfWeek.Saturday, new TimeOnly(22, 0), TimeSpan.FromHours(4)));

    // Columns: classification, host OS, now, expected decision, expected wait-until (empty unless waiting).
    public static TheoryData<UpdateClassification, string, string, UpdateDecisionKind, string> Cases => new()
    {
        { UpdateClassification.Critical, "Windows", "2026-05-02T23:00:00Z", UpdateDecisionKind.InstallNow, "" },
        { UpdateClassification.Important, "Windows", "2026-05-02T22:00:00Z", UpdateDecisionKind.InstallNow, "" },
        { UpdateClassification.Critical, "Windows", "2026-05-03T01:59:59Z", UpdateDecisionKind.InstallNow, "" },
        { UpdateClassification.Critical, "windows", "2026-05-03T00:30:00+02:00", UpdateDecisionKind.InstallNow, "" },
        { UpdateClassification.Critical, "Windows", "2026-05-03T02:00:00Z", UpdateDecisionKind.WaitUntil, "2026-05-09T22:00:00Z" },
        { UpdateClassification.Important, "Windows", "2026-05-06T12:00:00Z", UpdateDecisionKind.WaitUntil, "2026-05-09T22:00:00Z" },
        { UpdateClassification.Critical, "Windows", "2026-05-02T21:59:00Z", UpdateDecisionKind.WaitUntil, "2026-05-02T22:00:00Z" },
        { UpdateClassification.Moderate, "Windows", "2026-05-02T23:00:00Z", UpdateDecisionKind.Never, "" },
        { UpdateClassification.Low, "Windows", "2026-05-02T23:00:00Z", UpdateDecisionKind.Never, "" },
        { UpdateClassification.Unspecified, "Windows", "2026-05-02T23:00:00Z", UpdateDecisionKind.Never, "" },
        { UpdateClassification.Critical, "Linux", "2026-05-02T23:00:00Z", UpdateDecisionKind.Never, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AutomaticUpdatePolicy_DecidesByRatingOsAndWindow(
        UpdateClassification classification, string os, string now, UpdateDecisionKind kind, string waitUntil)
    {
        var decision = SaturdayNight.Decide(new AvailableUpdate("KB5050001", classification), os, DateTimeOffset.Parse(now));

        Assert.Equal(kind, decision.Kind);
        Assert.Equal(waitUntil.Length == 0 ? null : DateTimeOffset.Parse(waitUntil), decision.WaitUntil);
    }

    [Fact]
    public void AutomaticUpdatePolicy_NeverNamesLowRating()
    {
        var decision = SaturdayNight.Decide(new AvailableUpdate("KB1", UpdateClassification.Moderate), "Windows", DateTimeOffset.Parse("2026-05-02T23:00:00Z"));

        Assert.Contains("Moderate", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("Critical and Important", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AutomaticUpdatePolicy_NeverNamesHostOs()
    {
        var decision = SaturdayNight.Decide(new AvailableUpdate("KB1", UpdateClassification.Critical), "Linux", DateTimeOffset.Parse("2026-05-02T23:00:00Z"));

        Assert.Contains("Linux", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("Windows hosts only", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AutomaticUpdatePolicy_WaitsIntoNextWeek()
    {
        var mondayEarly = new AutomaticUpdatePolicy(new MaintenanceWindow(DayOfWeek.Monday, new TimeOnly(1, 0), TimeSpan.FromHours(2)));

        var decision = mondayEarly.Decide(new AvailableUpdate("KB1", UpdateClassification.Critical), "Windows", DateTimeOffset.Parse("2026-05-09T12:00:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-05-11T01:00:00Z"), decision.WaitUntil);
    }

    [Fact]
    public void AutomaticUpdatePolicy_SundayWindowFromSaturday()
    {
        var sunday = new AutomaticUpdatePolicy(new MaintenanceWindow(DayOfWeek.Sunday, new TimeOnly(3, 0), TimeSpan.FromHours(1)));

        var decision = sunday.Decide(new AvailableUpdate("KB1", UpdateClassification.Important), "Windows", DateTimeOffset.Parse("2026-05-02T12:00:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-05-03T03:00:00Z"), decision.WaitUntil);
    }

    [Fact]
    public void MaintenanceWindow_SevenDaysAlwaysOpen()
    {
        var window = new MaintenanceWindow(DayOfWeek.Wednesday, new TimeOnly(9, 30), TimeSpan.FromDays(7));

        Assert.True(window.IsOpen(DateTimeOffset.Parse("2026-05-06T09:29:59Z")));
        Assert.True(window.IsOpen(DateTimeOffset.Parse("2026-05-06T09:30:00Z")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(7 * 24 * 60 + 1)]
    public void MaintenanceWindow_RejectsInvalidDuration(int minutes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaintenanceWindow(DayOfWeek.Monday, new TimeOnly(0, 0), TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public async Task SimulatedUpdateExecutor_RecordsIdsOnce()
    {
        var executor = new SimulatedUpdateExecutor();

        await executor.InstallAsync(new AvailableUpdate("KB2", UpdateClassification.Critical), CancellationToken.None);
        await executor.InstallAsync(new AvailableUpdate("KB1", UpdateClassification.Important), CancellationToken.None);
        await executor.InstallAsync(new AvailableUpdate("KB2", UpdateClassification.Critical), CancellationToken.None);

        Assert.Equal(new[] { "KB2", "KB1" }, executor.InstalledIds);
    }

    [Fact]
    public async Task SimulatedUpdateExecutor_InstallsOnlyWhatPolicyAllows()
    {
        var executor = new SimulatedUpdateExecutor();
        var now = DateTimeOffset.Parse("2026-05-02T23:00:00Z");
        AvailableUpdate[] offered =
        [
            new("KB-critical", UpdateClassification.Critical),
            new("KB-moderate", UpdateClassification.Moderate),
            new("KB-important", UpdateClassification.Important),
        ];

        foreach (var update in offered.Where(update => SaturdayNight.Decide(update, "Windows", now).Kind == UpdateDecisionKind.InstallNow))
        {
            await executor.InstallAsync(update, CancellationToken.None);
        }

        Assert.Equal(new[] { "KB-critical", "KB-important" }, executor.InstalledIds);
    }
}
