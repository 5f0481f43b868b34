using System.Text;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Discovery;
using ArcActors.Sql.Tests.Tds;
using Microsoft.Data.SqlClient;
using Xunit;

namespace ArcActors.Sql.Tests;

/// <summary>
/// Drives the availability group part of <see cref="SqlServerDiscoverySource"/> through the real
/// Microsoft.Data.SqlClient against <see cref="TdsTestServer"/>. Each test describes the whole
/// group once, and <see cref="FakeSqlServer"/> returns what the probed replica would see.
/// </summary>
public sealed class AvailabilityGroupsOverTdsTests
{
    private const string User = "arc_discovery";
    private const string Password = "Tds!Pa55-ω";
    private const string Primary = "DB-EAST-02";
    private const string ReadableSecondary = "DB-EAST-03";
    private const string DisconnectedSecondary = "DB-WEST-01";

    private static readonly Guid SalesGroupId = Guid.Parse("7f3c1a52-0d4e-4b8a-9c61-2e5d8f0a4b13");

    private static readonly string[] AvailabilityQueries =
    [
        DiscoveryQueries.AvailabilityGroups,
        DiscoveryQueries.AvailabilityGroupsBefore2016,
        DiscoveryQueries.AvailabilityReplicas,
        DiscoveryQueries.AvailabilityDatabases,
    ];

    private static readonly FakeAvailabilityReplica[] SalesReplicas =
    [
        new(Primary, "PRIMARY"),
        new(ReadableSecondary, "SECONDARY") { SecondaryRoleAllowConnectionsDesc = "READ_ONLY" },
        new(DisconnectedSecondary, "SECONDARY")
        {
            AvailabilityModeDesc = "ASYNCHRONOUS_COMMIT",
            FailoverModeDesc = "MANUAL",
            SynchronizationHealthDesc = "NOT_HEALTHY",
            ConnectedStateDesc = "DISCONNECTED",
        },
    ];

    private static readonly FakeDatabaseReplicaState[] SalesDatabaseStates =
    [
        new("ledger", Primary),
        new("ledger", ReadableSecondary),
        new("ledger", DisconnectedSecondary)
        {
            SynchronizationStateDesc = "NOT SYNCHRONIZING",
            SynchronizationHealthDesc = "NOT_HEALTHY",
            DatabaseStateDesc = null,
            IsSuspended = true,
        },
        new("orders", Primary),
        new("orders", ReadableSecondary) { SynchronizationStateDesc = "SYNCHRONIZING", SynchronizationHealthDesc = "PARTIALLY_HEALTHY" },
        new("orders", DisconnectedSecondary) { SynchronizationStateDesc = "NOT SYNCHRONIZING", SynchronizationHealthDesc = "NOT_HEALTHY", DatabaseStateDesc = null },
    ];

    private static FakeAvailabilityGroup SalesGroup => new(SalesGroupId, "ag-sales")
    {
        Replicas = SalesReplicas,
        DatabaseStates = SalesDatabaseStates,
    };

    [Fact]
    public async Task AvailabilityGroupsOverTds_PrimarySeesEveryReplica()
    {
        var instance = await ProbeAsync(FakeFor(Primary, SalesGroup));

        Assert.Equal(ProbeStatus.Ok, instance.Status);
        Assert.Equal("AvailabilityGroupReplica", instance.AlwaysOnRole);
        var group = Assert.Single(instance.AvailabilityGroups);
        Assert.Equal(SalesGroupId, group.AvailabilityGroupId);
        Assert.Equal("ag-sales", group.Name);
        Assert.Equal("PRIMARY", group.LocalRole);
        Assert.Equal(Primary, group.PrimaryReplica);
        Assert.False(group.LocalReadable);
        Assert.False(group.IsDistributed);

        Assert.Equal(SalesReplicas.Select(replica => replica.ServerName), group.Replicas.Select(replica => replica.ReplicaName));
        foreach (var (expected, actual) in SalesReplicas.Zip(group.Replicas))
        {
            Assert.Equal(expected.RoleDesc, actual.Role);
            Assert.Equal(expected.AvailabilityModeDesc, actual.AvailabilityMode);
            Assert.Equal(expected.FailoverModeDesc, actual.FailoverMode);
            Assert.Equal(expected.SecondaryRoleAllowConnectionsDesc, actual.SecondaryRoleAllowConnections);
            Assert.Equal(expected.SynchronizationHealthDesc, actual.SynchronizationHealth);
            Assert.Equal(expected.ConnectedStateDesc, actual.ConnectedState);
        }
    }

    [Fact]
    public async Task AvailabilityGroupsOverTds_PrimarySeesEveryDatabaseState()
    {
        var instance = await ProbeAsync(FakeFor(Primary, SalesGroup));

        var databases = Assert.Single(instance.AvailabilityGroups).Databases;
        Assert.Equal(SalesDatabaseStates.Length, databases.Count);
        foreach (var expected in SalesDatabaseStates)
        {
            var actual = Assert.Single(databases, database => database.DatabaseName == expected.DatabaseName && database.ReplicaName == expected.ReplicaServerName);
            Assert.Equal(expected.ReplicaServerName == Primary, actual.IsLocal);
            Assert.Equal(expected.ReplicaServerName == Primary, actual.IsPrimaryReplica);
            Assert.Equal(expected.SynchronizationStateDesc, actual.SynchronizationState);
            Assert.Equal(expected.SynchronizationHealthDesc, actual.SynchronizationHealth);
            Assert.Equal(expected.DatabaseStateDesc ?? "", actual.DatabaseState);
            Assert.Equal(expected.IsSuspended, actual.IsSuspended);
        }
    }

    [Fact]
    public async Task AvailabilityGroupsOverTds_SecondaryReportsSecondaryRole()
    {
        var instance = await ProbeAsync(FakeFor(ReadableSecondary, SalesGroup));

        Assert.Equal(ProbeStatus.Ok, instance.Status);
        var group = Assert.Single(instance.AvailabilityGroups);
        Assert.Equal("ag-sales", group.Name);
        Assert.Equal("SECONDARY", group.LocalRole);
        Assert.True(group.LocalReadable);
        Assert.Equal(Primary, group.PrimaryReplica);

        // The secondary has a state row for itself only; the probe derives the other roles from primary_replica.
        Assert.Equal(SalesReplicas.Length, group.Replicas.Count);
        Assert.Equal("SECONDARY", group.Replicas.Single(replica => replica.ReplicaName == ReadableSecondary).Role);
        Assert.Equal("PRIMARY", group.Replicas.Single(replica => replica.ReplicaName == Primary).Role);
        Assert.Equal("SECONDARY", group.Replicas.Single(replica => replica.ReplicaName == DisconnectedSecondary).Role);
        Assert.Equal("", group.Replicas.Single(replica => replica.ReplicaName == Primary).ConnectedState);
    }

    [Fact]
    public async Task AvailabilityGroupsOverTds_SecondarySeesOnlyLocalDatabases()
    {
        var instance = await ProbeAsync(FakeFor(ReadableSecondary, SalesGroup));

        var databases = Assert.Single(instance.AvailabilityGroups).Databases;
        var expected = SalesDatabaseStates.Where(state => state.ReplicaServerName == ReadableSecondary).ToList();
        Assert.Equal(expected.Select(state => state.DatabaseName), databases.Select(database => database.DatabaseName));
        Assert.All(databases, database => Assert.Equal(ReadableSecondary, database.ReplicaName));
        Assert.All(databases, database => Assert.True(database.IsLocal));
        Assert.All(databases, database => Assert.False(database.IsPrimaryReplica));
        Assert.Equal(expected.Select(state => state.SynchronizationStateDesc), databases.Select(database => database.SynchronizationState));
    }

    [Fact]
    public async Task AvailabilityGroupsOverTds_SecondaryWithoutPrimaryKeepsRole()
    {
        var group = SalesGroup with { PrimaryReplicaVisibleOnSecondary = false };

        var instance = await ProbeAsync(FakeFor(ReadableSecondary, group));

        var snapshot = Assert.Single(instance.AvailabilityGroups);
        Assert.Equal("SECONDARY", snapshot.LocalRole);
        Assert.Equal("", snapshot.PrimaryReplica);
        Assert.Equal("SECONDARY", snapshot.Replicas.Single(replica => replica.ReplicaName == ReadableSecondary).Role);

        // Neither DMV names the primary here, so the roles of the remote replicas stay empty.
        Assert.Equal("", snapshot.Replicas.Single(replica => replica.ReplicaName == Primary).Role);
        Assert.Equal("", snapshot.Replicas.Single(replica => replica.ReplicaName == DisconnectedSecondary).Role);
    }

    [Fact]
    public async Task AvailabilityGroupsOverTds_HadrOffSendsNoQuery()
    {
        var fake = FakeFor(Primary, SalesGroup);
        fake = new FakeSqlServer
        {
            Properties = fake.Properties with { IsHadrEnabled = false },
            AvailabilityGroups = fake.AvailabilityGroups,
        };
        await using var server = fake.Start();

        var instance = await ProbeAsync(server);

        Assert.Equal(ProbeStatus.Ok, instance.Status);
        Assert.False(instance.IsHadrEnabled);
        Assert.Empty(instance.AvailabilityGroups);
        Assert.Equal("None", instance.AlwaysOnRole);
        Assert.Contains(DiscoveryQueries.ServerProperties, server.RequestTexts);
        Assert.DoesNotContain(server.RequestTexts, text => AvailabilityQueries.Contains(text));
    }

    /// <summary>
    /// The probe's decision for a denied availability group view: the instance stays Ok with its
    /// databases, the group list is empty, and StatusMessage names the error and the view.
    /// </summary>
    [Fact]
    public async Task AvailabilityGroupsOverTds_DeniedDmvLeavesInstanceOk()
    {
        var fake = new FakeSqlServer
        {
            Properties = new FakeInstanceProperties { ServerName = Primary, MachineName = Primary, IsHadrEnabled = true },
            Databases = [new FakeDatabase("ledger"), new FakeDatabase("orders")],
            AvailabilityGroups = [SalesGroup],
            DeniedView = "sys.dm_hadr_availability_replica_states",
        };
        await using var server = fake.Start();

        var instance = await ProbeAsync(server);

        Assert.Equal(ProbeStatus.Ok, instance.Status);
        Assert.Equal(["ledger", "orders"], instance.Databases.Select(database => database.Name));
        Assert.Empty(instance.AvailabilityGroups);
        Assert.Contains("229", instance.StatusMessage);
        Assert.Contains("dm_hadr_availability_replica_states", instance.StatusMessage);
        Assert.Contains("availability groups", instance.StatusMessage);
    }

    [Fact]
    public async Task AvailabilityGroupsOverTds_UnicodeNamesExact()
    {
        const string groupName = "可用性グループ-Ω [eu]";
        string[] databaseNames = ["αβγ ΔΕ", "ಠ_ಠ", "O'Brien [eu] data"];
        var group = new FakeAvailabilityGroup(SalesGroupId, groupName)
        {
            Replicas = [new(Primary, "PRIMARY"), new(ReadableSecondary, "SECONDARY")],
            DatabaseStates = databaseNames.Select(name => new FakeDatabaseReplicaState(name, Primary)).ToList(),
        };

        var instance = await ProbeAsync(FakeFor(Primary, group));

        var snapshot = Assert.Single(instance.AvailabilityGroups);
        Assert.Equal(Encoding.UTF8.GetBytes(groupName), Encoding.UTF8.GetBytes(snapshot.Name));
        var expectedNames = databaseNames.Order(StringComparer.OrdinalIgnoreCase).ToList();
        Assert.Equal(expectedNames.Count, snapshot.Databases.Count);
        for (var i = 0; i < expectedNames.Count; i++)
        {
            Assert.Equal(Encoding.UTF8.GetBytes(expectedNames[i]), Encoding.UTF8.GetBytes(snapshot.Databases[i].DatabaseName));
        }
    }

    [Fact]
    public async Task AvailabilityGroupsOverTds_DistributedGroupFlagged()
    {
        var distributed = new FakeAvailabilityGroup(Guid.Parse("0b6f2d7e-31a4-4c55-8e0f-9a1d2c3b4e5f"), "dag-global")
        {
            IsDistributed = true,
            LocalReplica = "ag-sales",
            Replicas = [new("ag-sales", "PRIMARY"), new("ag-sales-dr", "SECONDARY") { AvailabilityModeDesc = "ASYNCHRONOUS_COMMIT", FailoverModeDesc = "MANUAL" }],
        };

        var instance = await ProbeAsync(FakeFor(Primary, SalesGroup, distributed));

        Assert.Equal(["ag-sales", "dag-global"], instance.AvailabilityGroups.Select(group => group.Name));
        var snapshot = instance.AvailabilityGroups.Single(group => group.Name == "dag-global");
        Assert.True(snapshot.IsDistributed);
        Assert.False(instance.AvailabilityGroups.Single(group => group.Name == "ag-sales").IsDistributed);
        Assert.Equal("PRIMARY", snapshot.LocalRole);
        Assert.Equal(["ag-sales", "ag-sales-dr"], snapshot.Replicas.Select(replica => replica.ReplicaName));
        Assert.Equal(["PRIMARY", "SECONDARY"], snapshot.Replicas.Select(replica => replica.Role));
    }

    [Fact]
    public async Task AvailabilityGroupsOverTds_SqlServer2014UsesOlderQuery()
    {
        var fake = FakeFor(Primary, SalesGroup);
        fake = new FakeSqlServer
        {
            Properties = fake.Properties with { ProductVersion = "12.0.6024.0", ProductUpdateLevel = null, ProductLevel = "SP3" },
            AvailabilityGroups = fake.AvailabilityGroups,
        };
        await using var server = fake.Start();

        var instance = await ProbeAsync(server);

        Assert.Contains(DiscoveryQueries.AvailabilityGroupsBefore2016, server.RequestTexts);
        Assert.DoesNotContain(DiscoveryQueries.AvailabilityGroups, server.RequestTexts);
        var group = Assert.Single(instance.AvailabilityGroups);
        Assert.Equal("PRIMARY", group.LocalRole);
        Assert.Equal(SalesReplicas.Length, group.Replicas.Count);
    }

    /// <summary>The column types SqlClient reports for the group query, varchar primary_replica included.</summary>
    [Fact]
    public async Task AvailabilityGroupsOverTds_GroupColumnTypesMatchCatalog()
    {
        await using var server = FakeFor(ReadableSecondary, SalesGroup).Start();
        await using var connection = new SqlConnection(server.ConnectionString(User, Password));
        await connection.OpenAsync();
        await using var command = new SqlCommand(DiscoveryQueries.AvailabilityGroups, connection);
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal("uniqueidentifier", reader.GetDataTypeName(reader.GetOrdinal("group_id")));
        Assert.Equal("nvarchar", reader.GetDataTypeName(reader.GetOrdinal("name")));
        Assert.Equal("varchar", reader.GetDataTypeName(reader.GetOrdinal("primary_replica")));
        Assert.Equal("bit", reader.GetDataTypeName(reader.GetOrdinal("is_distributed")));
        Assert.Equal(Primary, reader.GetString(reader.GetOrdinal("primary_replica")));
    }

    private static FakeSqlServer FakeFor(string serverName, params FakeAvailabilityGroup[] groups) => new()
    {
        Properties = new FakeInstanceProperties { ServerName = serverName, MachineName = serverName, IsHadrEnabled = true },
        Databases = [new FakeDatabase("ledger"), new FakeDatabase("orders")],
        AvailabilityGroups = groups,
    };

    private static async Task<InstanceSnapshot> ProbeAsync(FakeSqlServer fake)
    {
        await using var server = fake.Start();
        var instance = await ProbeAsync(server);
        Assert.Empty(server.SessionFailures);
        return instance;
    }

    private static async Task<InstanceSnapshot> ProbeAsync(TdsTestServer server)
    {
        var options = new SqlDiscoveryOptions
        {
            VmId = Guid.Parse("54ef1f4d-e601-48e6-a90a-443aab91a782"),
            Instances = [new ConfiguredInstance("MSSQLSERVER", server.ConnectionString(User, Password))],
            ConnectTimeout = TimeSpan.FromSeconds(5),
            CommandTimeout = TimeSpan.FromSeconds(30),
            MaxRetries = 0,
        };
        var source = new SqlServerDiscoverySource(options);
        var location = (await source.LocateInstancesAsync(CancellationToken.None)).Single();
        return await source.ProbeInstanceAsync(location, CancellationToken.None);
    }
}
