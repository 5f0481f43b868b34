namespace ArcActors.Sql.Backups;

/// <summary>
/// A database, or one backup kind of a database, that the schedule leaves out, with the reason.
/// <see cref="Kind"/> is null when the whole database is left out.
/// </summary>
public sealed record BackupScheduleSkip(string Database, BackupKind? Kind, string Reason);
