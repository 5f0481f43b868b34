namespace ArcActors.Sql.Privileges;

/// <summary>
/// The permission items each feature needs, from Microsoft's "Configure Windows service accounts and
/// permissions for Azure extension for SQL Server" (sql-docs, docs/sql-server/azure-arc/configure-windows-accounts-agent.md,
/// ms.date 11/03/2025). Object schemas are the ones SQL Server uses: the msdb history, job and Database Mail
/// tables and <c>agent_datetime</c> are in dbo; the extended procedures <c>xp_readerrorlog</c> and
/// <c>xp_enumerrorlogs</c> and the catalog view <c>sql_expression_dependencies</c> are in sys.
/// </summary>
public static class FeaturePermissions
{
    public const string Master = "master";
    public const string Msdb = "msdb";
    public const string Tempdb = "tempdb";

    private static readonly string[] BaseServerPermissions =
        ["CONNECT SQL", "CONNECT ANY DATABASE", "VIEW ANY DATABASE", "VIEW ANY DEFINITION", "VIEW SERVER STATE"];

    private static readonly string[] BaseMsdbPermissions = ["ALTER ANY SCHEMA", "CREATE TABLE", "CREATE TYPE", "EXECUTE"];

    private static readonly string[] BaseMsdbTables =
    [
        "backupfile", "backupmediaset", "backupmediafamily", "backupset", "syscategories", "sysjobactivity",
        "sysjobhistory", "sysjobs", "sysjobsteps", "syssessions", "sysoperators", "suspectpages",
    ];

    // The documentation prints the Database Mail tables without underscores ("sysmailaccount"); the
    // msdb tables are sysmail_account, sysmail_profile and sysmail_profileaccount.
    private static readonly string[] MigrationMsdbTables =
    [
        "syscategories", "sysjobhistory", "sysjobs", "sysjobsteps", "sysmail_account", "sysmail_profile",
        "sysmail_profileaccount", "syssubsystems",
    ];

    /// <summary>Returns the items the base set needs: login, users, server permissions, master and msdb grants.</summary>
    public static IEnumerable<PermissionItem> Base(IReadOnlyList<string> databases)
    {
        yield return PermissionItem.Login();

        foreach (var database in databases)
        {
            yield return PermissionItem.User(database);
        }

        foreach (var permission in BaseServerPermissions)
        {
            yield return PermissionItem.ServerPermission(permission);
        }

        yield return PermissionItem.DatabasePermission(Master, "VIEW DATABASE STATE");

        foreach (var permission in BaseMsdbPermissions)
        {
            yield return PermissionItem.DatabasePermission(Msdb, permission);
        }

        yield return PermissionItem.DatabaseRole(Msdb, "db_datareader");
        yield return PermissionItem.DatabaseRole(Msdb, "db_datawriter");

        foreach (var table in BaseMsdbTables)
        {
            yield return PermissionItem.ObjectPermission(Msdb, "SELECT", "dbo", table);
        }
    }

    /// <summary>Returns the items one feature needs on an instance with the given databases (tempdb excluded by the caller).</summary>
    public static IEnumerable<PermissionItem> For(ExtensionFeature feature, IReadOnlyList<string> databases) => feature switch
    {
        ExtensionFeature.AutomatedBackups => AutomatedBackups(databases),
        ExtensionFeature.AvailabilityGroupDiscovery => AvailabilityGroupDiscovery(),
        ExtensionFeature.BestPracticesAssessment => BestPracticesAssessment(),
        ExtensionFeature.MigrationAssessment => MigrationAssessment(databases),
        ExtensionFeature.Purview => Purview(databases),
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "Unknown extension feature; add its permissions to FeaturePermissions."),
    };

    private static IEnumerable<PermissionItem> AutomatedBackups(IReadOnlyList<string> databases)
    {
        yield return PermissionItem.ServerPermission("CREATE ANY DATABASE");
        yield return PermissionItem.ServerRole("dbcreator");

        foreach (var database in databases)
        {
            yield return PermissionItem.DatabaseRole(database, "db_backupoperator");
        }
    }

    private static IEnumerable<PermissionItem> AvailabilityGroupDiscovery()
    {
        yield return PermissionItem.ServerPermission("ALTER ANY AVAILABILITY GROUP");
        yield return PermissionItem.ServerPermission("VIEW ANY DEFINITION");
    }

    private static IEnumerable<PermissionItem> BestPracticesAssessment()
    {
        yield return PermissionItem.ServerPermission("VIEW ANY DATABASE");
        yield return PermissionItem.ServerPermission("VIEW ANY DEFINITION");
        yield return PermissionItem.ServerPermission("VIEW SERVER STATE");
        yield return PermissionItem.DatabasePermission(Master, "SELECT");
        yield return PermissionItem.DatabasePermission(Master, "VIEW DATABASE STATE");
        yield return PermissionItem.DatabasePermission(Msdb, "SELECT");
        yield return PermissionItem.ObjectPermission(Master, "EXECUTE", "sys", "xp_enumerrorlogs");
        yield return PermissionItem.ObjectPermission(Master, "EXECUTE", "sys", "xp_readerrorlog");
    }

    private static IEnumerable<PermissionItem> MigrationAssessment(IReadOnlyList<string> databases)
    {
        foreach (var database in databases)
        {
            yield return PermissionItem.ObjectPermission(database, "SELECT", "sys", "sql_expression_dependencies");
        }

        yield return PermissionItem.ObjectPermission(Msdb, "EXECUTE", "dbo", "agent_datetime");

        foreach (var table in MigrationMsdbTables)
        {
            yield return PermissionItem.ObjectPermission(Msdb, "SELECT", "dbo", table);
        }
    }

    private static IEnumerable<PermissionItem> Purview(IReadOnlyList<string> databases)
    {
        yield return PermissionItem.ServerPermission("CONNECT ANY DATABASE");
        yield return PermissionItem.ServerPermission("VIEW ANY DATABASE");

        foreach (var database in databases)
        {
            yield return PermissionItem.DatabasePermission(database, "EXECUTE");
            yield return PermissionItem.DatabasePermission(database, "SELECT");
        }
    }
}
