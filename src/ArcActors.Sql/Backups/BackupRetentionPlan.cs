namespace ArcActors.Sql.Backups;

/// <summary>What the retention cleanup of one instance deletes.</summary>
/// <param name="Expired">History entries no longer needed to restore any point in time within the retention window.</param>
/// <param name="FilesToDelete">Files of expired entries that no kept entry uses, all under the instance default backup path. The host agent deletes them.</param>
/// <param name="RejectedFiles">Files of expired entries outside the default backup path, which are left in place.</param>
/// <param name="HistoryCleanup">The msdb history cleanup, or null when no history row is old enough to delete.</param>
public sealed record BackupRetentionPlan(
    IReadOnlyList<BackupHistoryEntry> Expired,
    IReadOnlyList<string> FilesToDelete,
    IReadOnlyList<RejectedBackupFile> RejectedFiles,
    BackupHistoryCleanup? HistoryCleanup);
