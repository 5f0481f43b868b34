using ArcActors.Contracts.Inventory;

namespace ArcActors.Sql.Backups;

/// <summary>
/// One database, with the facts the backup planner needs.
/// </summary>
/// <param name="Name">The name exactly as <c>sys.databases</c> stores it.</param>
/// <param name="State">ARM state: Online, Restoring, Recovering, RecoveryPending, Suspect, Emergency, Offline, Copying or OfflineSecondary.</param>
/// <param name="RecoveryMode">ARM recoveryMode: Full, Bulk-logged or Simple.</param>
/// <param name="Policy">The database-level policy, which overrides the instance's; null to use the instance's.</param>
/// <param name="LastFullBackup">When the last full backup finished, from msdb; null when there is none.</param>
/// <param name="IsDatabaseSnapshot">True for a database snapshot, which BACKUP does not accept.</param>
public sealed record BackupDatabase(
    string Name,
    string State,
    string RecoveryMode,
    BackupPolicy? Policy = null,
    DateTimeOffset? LastFullBackup = null,
    bool IsDatabaseSnapshot = false);
