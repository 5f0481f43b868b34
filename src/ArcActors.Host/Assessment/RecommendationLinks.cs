namespace ArcActors.Host.Assessment;

/// <summary>Public Microsoft Learn pages the rules cite as guidance.</summary>
internal static class RecommendationLinks
{
    private const string Sql = "https://learn.microsoft.com/en-us/sql";

    public const string ServerMemory = Sql + "/database-engine/configure-windows/server-memory-server-configuration-options";
    public const string Tempdb = Sql + "/relational-databases/databases/tempdb-database";
    public const string EndOfSupport = Sql + "/sql-server/end-of-support/sql-server-end-of-support-overview";
    public const string EditionUpgrade = Sql + "/database-engine/install-windows/upgrade-to-a-different-edition-of-sql-server-setup";
    public const string Editions = Sql + "/sql-server/editions-and-components-of-sql-server-2022";
    public const string AutoShrink = "https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/database-file-operations/considerations-autogrow-autoshrink";
    public const string DatabaseSetOptions = Sql + "/t-sql/statements/alter-database-transact-sql-set-options";
    public const string PageVerify = Sql + "/relational-databases/policy-based-management/set-the-page-verify-database-option-to-checksum";
    public const string Trustworthy = Sql + "/relational-databases/security/trustworthy-database-property";
    public const string Statistics = Sql + "/relational-databases/statistics/statistics";
    public const string TransparentDataEncryption = Sql + "/relational-databases/security/encryption/transparent-data-encryption";
    public const string FullBackups = Sql + "/relational-databases/backup-restore/full-database-backups-sql-server";
    public const string LogBackups = Sql + "/relational-databases/backup-restore/transaction-log-backups-sql-server";
    public const string RecoveryModels = Sql + "/relational-databases/backup-restore/recovery-models-sql-server";
    public const string CheckDb = Sql + "/t-sql/database-console-commands/dbcc-checkdb-transact-sql";
    public const string CompatibilityLevel = Sql + "/t-sql/statements/alter-database-transact-sql-compatibility-level";
    public const string DatabaseStates = Sql + "/relational-databases/databases/database-states";
}
