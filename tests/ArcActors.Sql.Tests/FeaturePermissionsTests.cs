using ArcActors.Sql.Privileges;
using Xunit;

namespace ArcActors.Sql.Tests;

/// <summary>
/// Expected items are typed from Microsoft's least-privilege permission tables for the extension
/// (configure-windows-accounts-agent.md in MicrosoftDocs/sql-docs), not produced by the code.
/// </summary>
public sealed class FeaturePermissionsTests
{
    private static readonly string[] Databases = ["master", "model", "msdb", "Sales"];

    public static TheoryData<ExtensionFeature, string[]> FeatureTable() => new()
    {
        {
            ExtensionFeature.AutomatedBackups,
            [
                "server permission CREATE ANY DATABASE", "server role dbcreator",
                "role db_backupoperator in master", "role db_backupoperator in model",
                "role db_backupoperator in msdb", "role db_backupoperator in Sales",
            ]
        },
        {
            ExtensionFeature.AvailabilityGroupDiscovery,
            ["server permission ALTER ANY AVAILABILITY GROUP", "server permission VIEW ANY DEFINITION"]
        },
        {
            ExtensionFeature.BestPracticesAssessment,
            [
                "server permission VIEW ANY DATABASE", "server permission VIEW ANY DEFINITION", "server permission VIEW SERVER STATE",
                "SELECT in master", "VIEW DATABASE STATE in master", "SELECT in msdb",
                "EXECUTE ON [sys].[xp_enumerrorlogs] in master", "EXECUTE ON [sys].[xp_readerrorlog] in master",
            ]
        },
        {
            ExtensionFeature.MigrationAssessment,
            [
                "SELECT ON [sys].[sql_expression_dependencies] in master", "SELECT ON [sys].[sql_expression_dependencies] in model",
                "SELECT ON [sys].[sql_expression_dependencies] in msdb", "SELECT ON [sys].[sql_expression_dependencies] in Sales",
                "EXECUTE ON [dbo].[agent_datetime] in msdb", "SELECT ON [dbo].[syscategories] in msdb",
                "SELECT ON [dbo].[sysjobhistory] in msdb", "SELECT ON [dbo].[sysjobs] in msdb", "SELECT ON [dbo].[sysjobsteps] in msdb",
                "SELECT ON [dbo].[sysmail_account] in msdb", "SELECT ON [dbo].[sysmail_profile] in msdb",
                "SELECT ON [dbo].[sysmail_profileaccount] in msdb", "SELECT ON [dbo].[syssubsystems] in msdb",
            ]
        },
        {
            ExtensionFeature.Purview,
            [
                "server permission CONNECT ANY DATABASE", "server permission VIEW ANY DATABASE",
                "EXECUTE in master", "SELECT in master", "EXECUTE in model", "SELECT in model",
                "EXECUTE in msdb", "SELECT in msdb", "EXECUTE in Sales", "SELECT in Sales",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(FeatureTable))]
    public void FeaturePermissions_FeatureMatchesDocumentedTable(ExtensionFeature feature, string[] expected)
    {
        var actual = FeaturePermissions.For(feature, Databases).Select(item => item.ToString()).ToList();

        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FeaturePermissions_BaseMatchesDocumentedTable()
    {
        string[] expected =
        [
            "login", "user in master", "user in model", "user in msdb", "user in Sales",
            "server permission CONNECT SQL", "server permission CONNECT ANY DATABASE", "server permission VIEW ANY DATABASE",
            "server permission VIEW ANY DEFINITION", "server permission VIEW SERVER STATE",
            "VIEW DATABASE STATE in master",
            "ALTER ANY SCHEMA in msdb", "CREATE TABLE in msdb", "CREATE TYPE in msdb", "EXECUTE in msdb",
            "role db_datareader in msdb", "role db_datawriter in msdb",
            "SELECT ON [dbo].[backupfile] in msdb", "SELECT ON [dbo].[backupmediaset] in msdb",
            "SELECT ON [dbo].[backupmediafamily] in msdb", "SELECT ON [dbo].[backupset] in msdb",
            "SELECT ON [dbo].[syscategories] in msdb", "SELECT ON [dbo].[sysjobactivity] in msdb",
            "SELECT ON [dbo].[sysjobhistory] in msdb", "SELECT ON [dbo].[sysjobs] in msdb", "SELECT ON [dbo].[sysjobsteps] in msdb",
            "SELECT ON [dbo].[syssessions] in msdb", "SELECT ON [dbo].[sysoperators] in msdb", "SELECT ON [dbo].[suspectpages] in msdb",
        ];

        var actual = FeaturePermissions.Base(Databases).Select(item => item.ToString()).ToList();

        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FeaturePermissions_EveryFeatureHasAnEntry()
    {
        foreach (var feature in Enum.GetValues<ExtensionFeature>())
        {
            Assert.NotEmpty(FeaturePermissions.For(feature, Databases));
        }
    }
}
