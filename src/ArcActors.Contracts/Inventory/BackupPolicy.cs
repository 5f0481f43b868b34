namespace ArcActors.Contracts.Inventory;

/// <summary>
/// Automated backup policy of an instance: off when <see cref="RetentionPeriodDays"/> is 0, else
/// retention 1 to 35 days, a full backup every 0 to 7 days, a differential every 12 or 24 hours
/// and a log backup every 0 to 60 minutes.
/// </summary>
public sealed record BackupPolicy(int RetentionPeriodDays, int FullBackupDays, int DifferentialBackupHours, int TransactionLogBackupMinutes)
{
    /// <summary>The policy applied when backups are turned on without details: 7 days, weekly full, daily differential, log every 5 minutes.</summary>
    public static readonly BackupPolicy Default = new(7, 7, 24, 5);
}
