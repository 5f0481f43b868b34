namespace ArcActors.Sql.Backups;

/// <summary>A backup to take now.</summary>
/// <param name="Database">The database to back up.</param>
/// <param name="Kind">Full, differential or log.</param>
/// <param name="SlotStart">Start (UTC) of the schedule slot this backup fills.</param>
/// <param name="Reason">Why the backup is due, in words an operator can check against msdb history.</param>
public sealed record DueBackup(string Database, BackupKind Kind, DateTimeOffset SlotStart, string Reason);
