using ArcActors.Sql.Discovery;
using ArcActors.Sql.Privileges;
using ArcActors.Sql.Tests.Tds;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Xunit;

namespace ArcActors.Sql.Tests;

/// <summary>Reads a principal's permissions with the real Microsoft.Data.SqlClient from the test TDS endpoint.</summary>
public sealed class PermissionReaderOverTdsTests
{
    private const string Principal = LeastPrivilegePlanner.DefaultPrincipal;
    private const string HostileDatabase = "O'Brien [eu] data";
    private const string OfflineDatabase = "archive";

    private static readonly SqlDiscoveryOptions Options = new() { VmId = Guid.NewGuid(), CommandTimeout = TimeSpan.FromSeconds(5), MaxRetries = 0 };

    private static readonly IReadOnlyList<DatabaseTarget> Databases =
    [
        new("master", IsSystem: true, IsReadable: true),
        new("msdb", IsSystem: true, IsReadable: true),
        new(HostileDatabase, IsSystem: false, IsReadable: true),
        new(OfflineDatabase, IsSystem: false, IsReadable: false),
    ];

    private static readonly HashSet<PermissionItem> Held =
    [
        PermissionItem.Login(),
        PermissionItem.ServerPermission("VIEW SERVER STATE"),
        PermissionItem.ServerPermission("CONNECT SQL"),
        PermissionItem.ServerRole("dbcreator"),
        PermissionItem.User("master"),
        PermissionItem.DatabasePermission("master", "VIEW DATABASE STATE"),
        PermissionItem.ObjectPermission("master", "EXECUTE", "sys", "xp_readerrorlog"),
        PermissionItem.User("msdb"),
        PermissionItem.DatabaseRole("msdb", "db_datareader"),
        PermissionItem.ObjectPermission("msdb", "SELECT", "dbo", "backupset"),
        PermissionItem.User(HostileDatabase),
        PermissionItem.DatabasePermission(HostileDatabase, "SELECT"),
        PermissionItem.ObjectPermission(HostileDatabase, "SELECT", "sys", "sql_expression_dependencies"),
        PermissionItem.DatabaseRole(HostileDatabase, "db_backupoperator"),
    ];

    [Fact]
    public async Task PermissionReader_ReadsEveryKind()
    {
        await using var server = Server(Held).Start();

        var read = await ReadAsync(server);

        foreach (var kind in Enum.GetValues<PermissionKind>())
        {
            Assert.Equal(Held.Where(item => item.Kind == kind).ToHashSet(), read.Where(item => item.Kind == kind).ToHashSet());
        }
    }

    [Fact]
    public async Task PermissionReader_ReadsHostileDatabaseName()
    {
        await using var server = Server(Held).Start();

        var read = await ReadAsync(server);

        Assert.Contains(PermissionItem.User(HostileDatabase), read);
        Assert.Contains(PermissionItem.DatabaseRole(HostileDatabase, "db_backupoperator"), read);
        Assert.Contains(server.RequestTexts, text => text.StartsWith("USE [O'Brien [eu]] data];", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PermissionReader_PassesPrincipalAsParameter()
    {
        await using var server = Server(Held).Start();

        await ReadAsync(server);

        Assert.All(server.Requests, request => Assert.Equal(Principal, request.TextParameter("@principal")));
        Assert.All(server.Requests, request => Assert.DoesNotContain("SQLServerExtension", request.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PermissionReader_SkipsUnreadableDatabase()
    {
        await using var server = Server(Held).Start();

        await ReadAsync(server);

        Assert.DoesNotContain(server.RequestTexts, text => text.Contains($"[{OfflineDatabase}]", StringComparison.Ordinal));
        Assert.Equal(3, server.RequestTexts.Count(text => text.StartsWith("USE ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PermissionReader_NoLoginReadsNothing()
    {
        var withoutLogin = Held.Where(item => item.Kind != PermissionKind.Login).ToHashSet();
        await using var server = Server(withoutLogin).Start();

        var read = await ReadAsync(server);

        Assert.Empty(read);
        Assert.Equal([PermissionQueries.Login], server.RequestTexts);
    }

    [Fact]
    public async Task PermissionReader_MissingUserHidesItsGrants()
    {
        var withoutUser = Held.Where(item => item != PermissionItem.User("msdb")).ToHashSet();
        await using var server = Server(withoutUser).Start();

        var read = await ReadAsync(server);

        Assert.DoesNotContain(read, item => item.Database == "msdb");
        Assert.Contains(PermissionItem.User("master"), read);
    }

    [Fact]
    public void PermissionQueries_EveryTextParses()
    {
        string[] texts =
        [
            PermissionQueries.Login, PermissionQueries.ServerPermissions, PermissionQueries.ServerRoles, PermissionQueries.DatabaseUser,
            PermissionQueries.DatabasePermissions, PermissionQueries.ObjectPermissions, PermissionQueries.DatabaseRoles,
        ];

        foreach (var text in texts)
        {
            Assert.IsAssignableFrom<SelectStatement>(TSqlParsing.SingleStatement(text));
        }
    }

    [Fact]
    public void PermissionQueries_InDatabaseQuotesName()
    {
        var errors = TSqlParsing.Parse(PermissionQueries.InDatabase(HostileDatabase), out var script);

        Assert.Empty(errors);
        var statements = script.Batches.SelectMany(batch => batch.Statements).ToList();
        Assert.Equal(5, statements.Count);
        Assert.Equal(HostileDatabase, Assert.IsType<UseStatement>(statements[0]).DatabaseName.Value);
        Assert.All(statements.Skip(1), statement => Assert.IsAssignableFrom<SelectStatement>(statement));
    }

    private static FakePermissionServer Server(IReadOnlySet<PermissionItem> held) =>
        new(Principal, held, Databases.Select(database => database.Name).ToList());

    private static Task<IReadOnlySet<PermissionItem>> ReadAsync(TdsTestServer server) =>
        PermissionReader.ReadAsync(server.ConnectionString("arc_deployer", "Pa55w0rd!"), Options, Principal, Databases, CancellationToken.None);
}
