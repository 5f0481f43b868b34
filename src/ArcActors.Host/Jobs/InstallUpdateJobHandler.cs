using System.Globalization;
using System.Text.Json;
using ArcActors.Host.Deployment;
using ArcActors.Host.Relay;

namespace ArcActors.Host.Jobs;

/// <summary>
/// Runs an InstallUpdate job under the automatic updates policy: only Critical and Important updates, only on
/// Windows hosts, only inside the weekly maintenance window. Parameters: <c>updateId</c>, <c>classification</c>,
/// <c>windowDay</c> (Sunday to Saturday), <c>windowStartUtc</c> (HH:mm) and <c>windowHours</c> (1 to 168).
/// When the window is closed, the job waits on <paramref name="clock"/> until it opens if that is before the
/// job's deadline, and fails at once otherwise.
/// </summary>
/// <remarks>
/// NOTE: simulations and node hosts run this with <see cref="SimulatedUpdateExecutor"/>; installing an update
/// through Windows Update or Microsoft Update is not implemented.
/// </remarks>
public sealed class InstallUpdateJobHandler(IUpdateExecutor executor, TimeProvider clock) : IJobHandler
{
    public const string UpdateIdParameter = "updateId";
    public const string ClassificationParameter = "classification";
    public const string WindowDayParameter = "windowDay";
    public const string WindowStartParameter = "windowStartUtc";
    public const string WindowHoursParameter = "windowHours";

    /// <summary>Longest maintenance window in hours: a week, which is always open.</summary>
    public const int MaxWindowHours = 168;

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);

        var update = Update(run.Job.Parameter(UpdateIdParameter), run.Job.Parameter(ClassificationParameter));
        var window = Window(run.Job.Parameter(WindowDayParameter), run.Job.Parameter(WindowStartParameter), run.Job.Parameter(WindowHoursParameter));
        var policy = new AutomaticUpdatePolicy(window);
        var deadline = run.Job.QueuedAt + run.Job.Timeout;

        var decision = policy.Decide(update, run.Machine.Os, clock.GetUtcNow());
        if (decision is { Kind: UpdateDecisionKind.WaitUntil, WaitUntil: { } opensAt })
        {
            if (opensAt >= deadline)
            {
                return JobOutcome.Failed(
                    $"update {update.Id} was not installed: the host is outside the maintenance window, the next window starts at {opensAt:yyyy-MM-ddTHH:mm:ssZ}, "
                    + $"after this job's deadline {deadline:yyyy-MM-ddTHH:mm:ssZ}; send the job again then.");
            }

            var wait = opensAt - clock.GetUtcNow();
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, cancellationToken).ConfigureAwait(false);
            decision = policy.Decide(update, run.Machine.Os, clock.GetUtcNow());
        }

        if (decision.Kind != UpdateDecisionKind.InstallNow)
        {
            return JobOutcome.Failed($"update {update.Id} was not installed: {decision.Reason}");
        }

        var result = await executor.InstallAsync(update, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return JobOutcome.Failed($"update {update.Id} failed to install: {result.Error!.Code}: {result.Error.Message}");
        }

        var installedAt = clock.GetUtcNow();
        return JobOutcome.Succeeded(
            $"update {update.Id} ({update.Classification}) installed on {run.Machine.HostName}.",
            JsonSerializer.Serialize(new
            {
                updateId = update.Id,
                classification = update.Classification.ToString(),
                installedAt = installedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            }));
    }

    /// <exception cref="JobInputException">The update id is empty or the classification is not one of <see cref="UpdateClassification"/>.</exception>
    public static AvailableUpdate Update(string updateId, string classification)
    {
        if (string.IsNullOrWhiteSpace(updateId))
        {
            throw new JobInputException($"the '{UpdateIdParameter}' parameter is missing; give the update's KB or package id, such as KB5040948.");
        }

        if (!TryParseName<UpdateClassification>(classification, out var parsed))
        {
            throw new JobInputException(
                $"the '{ClassificationParameter}' parameter '{classification}' is invalid; use one of {string.Join(", ", Enum.GetNames<UpdateClassification>())}.");
        }

        return new AvailableUpdate(updateId.Trim(), parsed);
    }

    /// <exception cref="JobInputException">A window parameter is missing or out of range.</exception>
    public static MaintenanceWindow Window(string day, string startUtc, string hours)
    {
        if (!TryParseName<DayOfWeek>(day, out var parsedDay))
        {
            throw new JobInputException($"the '{WindowDayParameter}' parameter '{day}' is invalid; use a day name from Sunday to Saturday.");
        }

        if (!TimeOnly.TryParseExact(startUtc, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedStart))
        {
            throw new JobInputException($"the '{WindowStartParameter}' parameter '{startUtc}' is invalid; give a UTC time as HH:mm, such as 02:00.");
        }

        if (!int.TryParse(hours, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedHours) || parsedHours is < 1 or > MaxWindowHours)
        {
            throw new JobInputException($"the '{WindowHoursParameter}' parameter '{hours}' is invalid; give whole hours from 1 to {MaxWindowHours}.");
        }

        return new MaintenanceWindow(parsedDay, parsedStart, TimeSpan.FromHours(parsedHours));
    }

    /// <summary>Parses an enum member by name, ignoring case. Numbers are rejected, since Enum.TryParse would accept any of them.</summary>
    public static bool TryParseName<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return !string.IsNullOrWhiteSpace(text)
            && !char.IsAsciiDigit(text.Trim()[0])
            && text.Trim()[0] is not ('-' or '+')
            && Enum.TryParse(text.Trim(), ignoreCase: true, out value)
            && Enum.IsDefined(value);
    }
}
