namespace ArcActors.Sql.Backups;

/// <summary>The next time (UTC) a backup of one kind becomes due for one database.</summary>
public sealed record UpcomingBackup(string Database, BackupKind Kind, DateTimeOffset DueAt);
