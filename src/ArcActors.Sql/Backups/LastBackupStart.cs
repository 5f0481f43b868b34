namespace ArcActors.Sql.Backups;

/// <summary>When the newest backup of one kind of one database started, in UTC.</summary>
/// <param name="Database">msdb.dbo.backupset.database_name.</param>
/// <param name="Kind">Full (type D), differential (I) or log (L).</param>
/// <param name="StartedAt">backupset.backup_start_date converted to UTC with backupset.time_zone.</param>
public sealed record LastBackupStart(string Database, BackupKind Kind, DateTimeOffset StartedAt);
