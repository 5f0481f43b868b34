namespace ArcActors.Sql.Backups;

/// <summary>
/// Choices where ArcActors may differ from the Azure extension.
/// </summary>
/// <param name="SkipNonFullRecoveryUserDatabases">
/// True, the default, reproduces Microsoft's documented behavior ("Databases that aren't in full recovery model
/// aren't automatically backed up", sql-docs, docs/sql-server/azure-arc/backup-local.md). False gives user
/// databases in SIMPLE recovery full and differential backups as well, which protects them but differs from
/// the extension.
/// </param>
public sealed record BackupSelectionOptions(bool SkipNonFullRecoveryUserDatabases = true)
{
    public static readonly BackupSelectionOptions Default = new();
}
