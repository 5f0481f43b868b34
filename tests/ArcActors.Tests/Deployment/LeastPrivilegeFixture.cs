using ArcActors.Sql.Privileges;

namespace ArcActors.Tests.Deployment;

/// <summary>An instance's databases for least privilege tests, and one entry each feature alone grants, per Microsoft's permission table.</summary>
internal static class LeastPrivilegeFixture
{
    public const string Principal = LeastPrivilegePlanner.DefaultPrincipal;

    public static readonly IReadOnlyList<DatabaseTarget> Databases =
    [
        new("master", IsSystem: true, IsReadable: true),
        new("tempdb", IsSystem: true, IsReadable: true),
        new("model", IsSystem: true, IsReadable: true),
        new("msdb", IsSystem: true, IsReadable: true),
        new("Sales", IsSystem: false, IsReadable: true),
        new("Sales Archive]", IsSystem: false, IsReadable: true),
    ];

    public static readonly IReadOnlyDictionary<ExtensionFeature, string> EntryOnlyFeatureGrants = new Dictionary<ExtensionFeature, string>
    {
        [ExtensionFeature.AutomatedBackups] = "server: role dbcreator",
        [ExtensionFeature.AvailabilityGroupDiscovery] = "master: ALTER ANY AVAILABILITY GROUP",
        [ExtensionFeature.BestPracticesAssessment] = "master: EXECUTE ON [sys].[xp_readerrorlog]",
        [ExtensionFeature.MigrationAssessment] = "Sales: SELECT ON [sys].[sql_expression_dependencies]",
        [ExtensionFeature.Purview] = "Sales: SELECT",
    };

    public static Task<IReadOnlyList<DatabaseTarget>> ListDatabases(CancellationToken cancellationToken) => Task.FromResult(Databases);
}
