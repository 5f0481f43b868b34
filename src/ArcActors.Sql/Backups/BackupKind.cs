namespace ArcActors.Sql.Backups;

/// <summary>The native backup types automated backups take.</summary>
public enum BackupKind
{
    Full,
    Differential,
    Log,
}
