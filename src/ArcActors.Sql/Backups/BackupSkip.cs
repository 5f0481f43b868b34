namespace ArcActors.Sql.Backups;

/// <summary>A database left out of a backup plan, with the reason in words an operator can act on.</summary>
public sealed record BackupSkip(string Database, BackupKind Kind, string Reason);
