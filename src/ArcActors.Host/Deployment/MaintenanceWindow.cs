namespace ArcActors.Host.Deployment;

/// <summary>
/// A weekly maintenance window in UTC: it opens every <see cref="Day"/> at <see cref="StartUtc"/> and stays
/// open for <see cref="Duration"/>, which may run past midnight and past the end of the week.
/// </summary>
public sealed record MaintenanceWindow
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <exception cref="ArgumentOutOfRangeException">The duration is not above zero and at most seven days.</exception>
    public MaintenanceWindow(DayOfWeek day, TimeOnly startUtc, TimeSpan duration)
    {
        if (!Enum.IsDefined(day))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "Day must be Sunday to Saturday.");
        }

        if (duration <= TimeSpan.Zero || duration > Week)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration,
                "A maintenance window lasts more than zero and at most seven days; a seven-day window is always open.");
        }

        Day = day;
        StartUtc = startUtc;
        Duration = duration;
    }

    public DayOfWeek Day { get; }

    public TimeOnly StartUtc { get; }

    public TimeSpan Duration { get; }

    /// <summary>Returns the latest window start at or before <paramref name="now"/>, in UTC.</summary>
    public DateTimeOffset LastStart(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var daysBack = ((int)utc.DayOfWeek - (int)Day + 7) % 7;
        var start = new DateTimeOffset(DateOnly.FromDateTime(utc.UtcDateTime).ToDateTime(StartUtc), TimeSpan.Zero).AddDays(-daysBack);

        // On the window's day before its start time, the latest start is a week earlier.
        return start > utc ? start - Week : start;
    }

    /// <summary>Returns the first window start after <paramref name="now"/>, in UTC.</summary>
    public DateTimeOffset NextStart(DateTimeOffset now) => LastStart(now) + Week;

    /// <summary>Returns whether the window is open at <paramref name="now"/>: from a start, inclusive, to its end, exclusive.</summary>
    public bool IsOpen(DateTimeOffset now) => now.ToUniversalTime() < LastStart(now) + Duration;
}
