using ArcActors.Contracts.Inventory;

namespace ArcActors.Sql.Backups;

/// <summary>
/// One database with the facts the backup schedule needs. master, model, msdb and tempdb are the
/// system databases, recognised by name as in <see cref="BackupPlanner"/>.
/// </summary>
/// <param name="Name">The name exactly as <c>sys.databases</c> stores it.</param>
/// <param name="State">ARM state: Online, Restoring, Recovering, RecoveryPending, Suspect, Emergency, Offline, Copying or OfflineSecondary.</param>
/// <param name="RecoveryMode">ARM recoveryMode: Full, Bulk-logged or Simple.</param>
/// <param name="IsReadOnly">True when the database is read-only.</param>
/// <param name="Policy">The database-level policy, which overrides the instance's; null to use the instance's.</param>
/// <param name="LastFullStart">Start of the newest completed full backup (msdb backupset type D), or null when there is none.</param>
/// <param name="LastDifferentialStart">Start of the newest completed differential backup (type I), or null.</param>
/// <param name="LastLogStart">Start of the newest completed log backup (type L), or null.</param>
/// <param name="IsDatabaseSnapshot">True for a database snapshot, which BACKUP does not accept.</param>
/// <remarks>
/// Start times, not finish times, decide which slot a backup belongs to: a log backup that starts at
/// 10:04:58 and finishes at 10:05:03 fills the 10:00 slot, so the 10:05 slot still gets its own backup.
/// msdb stores backup_start_date in the server's local time; convert it to UTC with backupset.time_zone
/// before passing it here.
/// </remarks>
public sealed record BackupScheduleDatabase(
    string Name,
    string State,
    string RecoveryMode,
    bool IsReadOnly = false,
    BackupPolicy? Policy = null,
    DateTimeOffset? LastFullStart = null,
    DateTimeOffset? LastDifferentialStart = null,
    DateTimeOffset? LastLogStart = null,
    bool IsDatabaseSnapshot = false);
