namespace ArcActors.Sql.Backups;

/// <summary>
/// One completed backup from msdb history (backupset joined to backupmediafamily).
/// </summary>
/// <param name="Database">backupset.database_name.</param>
/// <param name="Kind">Full (type D), differential (I) or log (L).</param>
/// <param name="FilePath">backupmediafamily.physical_device_name: the file the backup was written to.</param>
/// <param name="FinishedAt">
/// backupset.backup_finish_date, which msdb stores in the server's local time, with the server's UTC
/// offset from backupset.time_zone (in 15-minute units). <see cref="DateTimeOffset.DateTime"/> is then
/// the exact value msdb stores, which the history cleanup compares against, and the instant is the UTC
/// time the retention window is measured in.
/// </param>
/// <remarks>
/// NOTE: backupset.time_zone is the offset when the backup started, so for a backup that runs across a
/// daylight-saving change the instant is off by the size of the change. The retention plan is then off
/// by that much for that one backup.
/// </remarks>
public sealed record BackupHistoryEntry(string Database, BackupKind Kind, string FilePath, DateTimeOffset FinishedAt);
