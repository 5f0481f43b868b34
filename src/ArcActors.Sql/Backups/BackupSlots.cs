namespace ArcActors.Sql.Backups;

/// <summary>
/// Schedule slots: consecutive intervals of fixed length on a UTC grid that starts at the Unix epoch.
/// A 5-minute log slot starts at :00, :05 and so on, and a 24-hour slot at 00:00 UTC. A 7-day slot starts
/// at 00:00 UTC on Thursdays, because 1970-01-01 was a Thursday. Local time and daylight saving play no part.
/// </summary>
internal static class BackupSlots
{
    /// <summary>Returns the start of the slot of length <paramref name="interval"/> that contains <paramref name="utc"/>.</summary>
    public static DateTimeOffset Start(DateTimeOffset utc, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A schedule interval must be positive.");
        }

        var sinceEpoch = utc.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        if (sinceEpoch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(utc), utc, "Schedule times must be after 1970-01-01T00:00:00Z.");
        }

        return DateTimeOffset.UnixEpoch.AddTicks(sinceEpoch - sinceEpoch % interval.Ticks);
    }
}
