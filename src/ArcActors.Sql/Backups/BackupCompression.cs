namespace ArcActors.Sql.Backups;

/// <summary>
/// Which editions accept <c>WITH COMPRESSION</c>. Microsoft's "Backup compression (SQL Server)" page
/// (sql-docs, docs/relational-databases/backup-restore/backup-compression-sql-server.md) lists
/// Enterprise, Standard and Developer. The "Editions and supported features of SQL Server 2019 on Linux"
/// page (sql-docs, docs/linux/sql-server-linux-editions-and-components-2019.md) marks backup compression
/// "No" for Web and Express, and gives Developer and Evaluation the Enterprise feature set.
/// Every edition can restore a compressed backup; only writing one is restricted.
/// </summary>
public static class BackupCompression
{
    private static readonly HashSet<string> SupportingEditions = new(StringComparer.OrdinalIgnoreCase)
    {
        "Enterprise", "Standard", "Developer", "Evaluation",
    };

    /// <summary>True when the ARM edition writes compressed backups; false for Web, Express and any unknown edition.</summary>
    public static bool IsSupported(string? armEdition) =>
        armEdition is not null && SupportingEditions.Contains(armEdition.Trim());
}
