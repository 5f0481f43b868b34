namespace ArcActors.Sql.Backups;

/// <summary>
/// The backups of one instance that are due at <see cref="Now"/>, the next due time of every other
/// scheduled backup, and the databases or kinds left out. When <see cref="RejectionReason"/> is set the
/// instance takes no automated backups and all three lists are empty.
/// </summary>
/// <param name="Now">The UTC time the schedule was computed for.</param>
/// <param name="RejectionReason">Why the instance takes no automated backups at all, or null.</param>
/// <param name="Due">Backups to take now: full backups first, then differential, then log.</param>
/// <param name="Upcoming">For each database and kind that is scheduled but not due, the next due time.</param>
/// <param name="Skipped">Databases and kinds left out, with the reason.</param>
public sealed record BackupSchedule(
    DateTimeOffset Now,
    string? RejectionReason,
    IReadOnlyList<DueBackup> Due,
    IReadOnlyList<UpcomingBackup> Upcoming,
    IReadOnlyList<BackupScheduleSkip> Skipped)
{
    public bool IsRejected => RejectionReason is not null;

    /// <summary>The earliest time a backup not due now becomes due, or null when nothing is scheduled.</summary>
    public DateTimeOffset? NextDueAt => Upcoming.Count == 0 ? null : Upcoming.Min(upcoming => upcoming.DueAt);

    public static BackupSchedule Rejected(DateTimeOffset now, string reason) => new(now, reason, [], [], []);
}
