using System.Text;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Discovery;
using ArcActors.Sql.Tests.Tds;
using Xunit;

namespace ArcActors.Sql.Tests;

/// <summary>
/// Drives <see cref="SqlServerDiscoverySource"/> through the real Microsoft.Data.SqlClient against
/// <see cref="TdsTestServer"/>, with the state scripted by <see cref="FakeSqlServer"/>.
/// </summary>
public sealed class DiscoveryOverTdsTests
{
    private const string User = "arc_discovery";
    private const string Password = "Tds!Pa55-ω";

    // The databases of host db-east-02, instance MSSQLSERVER, in fleets/field-scenarios.yaml:
    // name, ARM state, ARM recovery mode, compatibility level, read-only.
    private static readonly (string Name, string State, string RecoveryMode, byte Level, bool ReadOnly)[] EastDatabases =
    [
        ("ledger", "Online", "Full", 160, false),
        ("archive2019", "Offline", "Simple", 150, false),
        ("restore_target", "Restoring", "Full", 160, false),
        ("broken_log", "RecoveryPending", "Full", 160, false),
        ("reference_data", "Online", "Simple", 160, true),
        ("αβγ ΔΕ", "Online", "Full", 160, false),
        ("ಠ_ಠ", "Online", "Full", 160, false),
        ("O'Brien [eu] data", "Online", "Full", 160, false),
    ];

    // The databases of host sql-prod-01, instance SALES, in the same file: name, recovery mode, level, size in MB.
    private static readonly (string Name, string RecoveryMode, byte Level, double SizeMB)[] SalesDatabases =
    [
        ("orders", "Full", 160, 5120),
        ("staging", "Simple", 160, 300),
    ];

    // sys.databases state_desc values with the ARM state that DatabaseSnapshot documents for each.
    public static TheoryData<string, string> StateDescriptions => new()
    {
        { "ONLINE", "Online" },
        { "RESTORING", "Restoring" },
        { "RECOVERING", "Recovering" },
        { "RECOVERY_PENDING", "RecoveryPending" },
        { "SUSPECT", "Suspect" },
        { "EMERGENCY", "Emergency" },
        { "OFFLINE", "Offline" },
        { "COPYING", "Copying" },
        { "OFFLINE_SECONDARY", "OfflineSecondary" },
    };

    [Fact]
    public async Task DiscoveryOverTds_EastDatabaseNamesExact()
    {
        var fake = new FakeSqlServer { Databases = EastDatabases.Select(ToFake).ToList() };
        await using var server = fake.Start();
        var (source, location) = await SourceForAsync(server);

        var instance = await source.ProbeInstanceAsync(location, CancellationToken.None);

        Assert.Equal(ProbeStatus.Ok, instance.Status);
        Assert.Equal("Enterprise", instance.Edition);
        Assert.Equal(EastDatabases.Length, instance.Databases.Count);
        for (var i = 0; i < EastDatabases.Length; i++)
        {
            Assert.Equal(Encoding.UTF8.GetBytes(EastDatabases[i].Name), Encoding.UTF8.GetBytes(instance.Databases[i].Name));
            Assert.Equal(EastDatabases[i].State, instance.Databases[i].State);
        }
    }

    [Fact]
    public async Task DiscoveryOverTds_EastDatabaseSnapshots()
    {
        var fake = new FakeSqlServer { Databases = EastDatabases.Select(ToFake).ToList() };
        await using var server = fake.Start();
        var (source, location) = await SourceForAsync(server);
        var instance = await source.ProbeInstanceAsync(location, CancellationToken.None);

        var snapshots = new List<DatabaseSnapshot>();
        foreach (var entry in instance.Databases)
        {
            snapshots.Add(await source.ProbeDatabaseAsync(location, entry, CancellationToken.None));
        }

        for (var i = 0; i < EastDatabases.Length; i++)
        {
            var expected = EastDatabases[i];
            Assert.Equal(Encoding.UTF8.GetBytes(expected.Name), Encoding.UTF8.GetBytes(snapshots[i].Name));
            Assert.Equal(expected.State, snapshots[i].State);
            Assert.Equal(expected.RecoveryMode, snapshots[i].RecoveryMode);
            Assert.Equal(expected.Level, snapshots[i].CompatibilityLevel);
            Assert.Equal(expected.ReadOnly, snapshots[i].IsReadOnly);
            Assert.Equal("", snapshots[i].ProbeError);
        }

        Assert.Empty(server.SessionFailures);
    }

    [Fact]
    public async Task DiscoveryOverTds_OnlyOnlineDatabasesReadInDetail()
    {
        var fake = new FakeSqlServer { Databases = EastDatabases.Select(ToFake).ToList() };
        await using var server = fake.Start();
        var (source, location) = await SourceForAsync(server);

        foreach (var database in EastDatabases)
        {
            await source.ProbeDatabaseAsync(location, new DatabaseEntry(database.Name, database.State), CancellationToken.None);
        }

        var detailNames = server.Requests
            .Where(request => request.Text is DiscoveryQueries.DatabaseSize or DiscoveryQueries.LastBackups or DiscoveryQueries.LastGoodCheckDb)
            .Select(request => request.TextParameter("@name") ?? "")
            .Distinct()
            .ToList();
        var onlineNames = EastDatabases.Where(database => database.State == "Online").Select(database => database.Name).ToList();
        Assert.Equal(onlineNames, detailNames);
        Assert.Equal(EastDatabases.Select(database => database.Name), server.Requests.Where(IsCatalogQuery).Select(request => request.TextParameter("@name")));
        Assert.Contains(server.RequestTexts, text => text.StartsWith("USE [O'Brien [eu]] data];\n", StringComparison.Ordinal));
        Assert.DoesNotContain(server.RequestTexts, text => text.StartsWith("USE [archive2019]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DiscoveryOverTds_SalesSizesAndRecovery()
    {
        var fake = new FakeSqlServer
        {
            Properties = new FakeInstanceProperties { Edition = "Standard Edition (64-bit)", InstanceName = "SALES", CpuCount = 8 },
            Databases = SalesDatabases
                .Select(database => new FakeDatabase(database.Name)
                {
                    RecoveryModelDesc = database.RecoveryMode.ToUpperInvariant(),
                    CompatibilityLevel = database.Level,
                    SizeMB = database.SizeMB,
                })
                .ToList(),
        };
        await using var server = fake.Start();
        var (source, location) = await SourceForAsync(server, "SALES");

        var instance = await source.ProbeInstanceAsync(location, CancellationToken.None);
        var snapshots = new List<DatabaseSnapshot>();
        foreach (var entry in instance.Databases)
        {
            snapshots.Add(await source.ProbeDatabaseAsync(location, entry, CancellationToken.None));
        }

        Assert.Equal("Standard", instance.Edition);
        Assert.Equal(8, instance.VCore);
        Assert.Equal(SalesDatabases.Select(database => database.Name), snapshots.Select(snapshot => snapshot.Name));
        Assert.Equal(SalesDatabases.Select(database => database.RecoveryMode), snapshots.Select(snapshot => snapshot.RecoveryMode));
        Assert.Equal(SalesDatabases.Select(database => database.SizeMB), snapshots.Select(snapshot => snapshot.SizeMB));
    }

    [Theory]
    [MemberData(nameof(StateDescriptions))]
    public async Task DiscoveryOverTds_DatabaseStateMapped(string stateDesc, string armState)
    {
        var fake = new FakeSqlServer { Databases = [new FakeDatabase("db_" + stateDesc.ToLowerInvariant()) { StateDesc = stateDesc }] };
        await using var server = fake.Start();
        var (source, location) = await SourceForAsync(server);

        var instance = await source.ProbeInstanceAsync(location, CancellationToken.None);
        var entry = Assert.Single(instance.Databases);
        var snapshot = await source.ProbeDatabaseAsync(location, entry, CancellationToken.None);

        Assert.Equal(armState, entry.State);
        Assert.Equal(armState, snapshot.State);
        Assert.Equal("", snapshot.ProbeError);
        Assert.Equal(stateDesc == "ONLINE", server.RequestTexts.Contains(DiscoveryQueries.DatabaseSize));
    }

    [Fact]
    public async Task DiscoveryOverTds_OnlineDatabaseDetails()
    {
        var created = new DateTimeOffset(2019, 5, 17, 8, 15, 30, TimeSpan.FromHours(-7));
        var lastFull = new DateTimeOffset(2026, 11, 29, 23, 0, 5, TimeSpan.FromHours(1));
        var lastLog = new DateTimeOffset(2026, 11, 30, 0, 15, 0, TimeSpan.FromHours(1));
        var checkDb = new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.FromHours(5.5));
        var database = new FakeDatabase("ledger")
        {
            CreateDate = created,
            CollationName = "Latin1_General_100_CI_AS_SC_UTF8",
            IsAutoCloseOn = true,
            IsAutoShrinkOn = true,
            IsAutoCreateStatsOn = false,
            IsAutoUpdateStatsOn = false,
            IsTrustworthyOn = true,
            IsEncrypted = true,
            PageVerifyOptionDesc = "TORN_PAGE_DETECTION",
            SizeMB = 2048.5,
            SpaceAvailableMB = 100.25,
            HasMemoryOptimizedData = true,
            LastFullBackup = lastFull,
            LastLogBackup = lastLog,
            LastGoodCheckDb = checkDb,
        };
        await using var server = new FakeSqlServer { Databases = [database] }.Start();
        var (source, location) = await SourceForAsync(server);

        var snapshot = await source.ProbeDatabaseAsync(location, new DatabaseEntry("ledger", "Online"), CancellationToken.None);

        Assert.Equal("", snapshot.ProbeError);
        Assert.Equal(created, snapshot.DatabaseCreationDate);
        Assert.Equal(created.Offset, snapshot.DatabaseCreationDate!.Value.Offset);
        Assert.Equal("Latin1_General_100_CI_AS_SC_UTF8", snapshot.CollationName);
        Assert.True(snapshot.Options.IsAutoCloseOn);
        Assert.True(snapshot.Options.IsAutoShrinkOn);
        Assert.False(snapshot.Options.IsAutoCreateStatsOn);
        Assert.False(snapshot.Options.IsAutoUpdateStatsOn);
        Assert.True(snapshot.Options.IsTrustworthyOn);
        Assert.True(snapshot.Options.IsEncrypted);
        Assert.True(snapshot.Options.IsMemoryOptimizationEnabled);
        Assert.Equal("TORN_PAGE_DETECTION", snapshot.Options.PageVerify);
        Assert.Equal(2048.5, snapshot.SizeMB);
        Assert.Equal(100.25, snapshot.SpaceAvailableMB);
        Assert.Equal(lastFull, snapshot.LastFullBackup);
        Assert.Equal(lastLog, snapshot.LastLogBackup);
        Assert.Equal(checkDb, snapshot.LastGoodCheckDb);
    }

    [Fact]
    public async Task DiscoveryOverTds_NullBackupsAndCollation()
    {
        var database = new FakeDatabase("fresh") { CollationName = null };
        await using var server = new FakeSqlServer { Databases = [database] }.Start();
        var (source, location) = await SourceForAsync(server);

        var snapshot = await source.ProbeDatabaseAsync(location, new DatabaseEntry("fresh", "Online"), CancellationToken.None);

        Assert.Equal("", snapshot.ProbeError);
        Assert.Equal("", snapshot.CollationName);
        Assert.Null(snapshot.LastFullBackup);
        Assert.Null(snapshot.LastLogBackup);
        Assert.Null(snapshot.LastGoodCheckDb);
    }

    [Fact]
    public async Task DiscoveryOverTds_LoginFailedStatus()
    {
        var fake = new FakeSqlServer { FailingLogins = new HashSet<string> { User } };
        await using var server = fake.Start();
        var (source, location) = await SourceForAsync(server, maxRetries: 2);

        var instance = await source.ProbeInstanceAsync(location, CancellationToken.None);

        Assert.Equal(ProbeStatus.LoginFailed, instance.Status);
        Assert.Contains("18456", instance.StatusMessage);
        Assert.Contains($"user '{User}'", instance.StatusMessage);
        Assert.DoesNotContain(Password, instance.StatusMessage);
        Assert.Single(server.Logins);
        Assert.Equal(Password, server.Logins[0].Password);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task DiscoveryOverTds_PermissionDeniedOneDatabase()
    {
        var fake = new FakeSqlServer
        {
            Databases =
            [
                new FakeDatabase("orders") { SizeMB = 5120 },
                new FakeDatabase("payroll") { SizeMB = 800, DeniedQuery = DiscoveryQueries.LastBackups },
                new FakeDatabase("app") { SizeMB = 1200 },
            ],
        };
        await using var server = fake.Start();
        var (source, location) = await SourceForAsync(server);
        var instance = await source.ProbeInstanceAsync(location, CancellationToken.None);

        var snapshots = new List<DatabaseSnapshot>();
        foreach (var entry in instance.Databases)
        {
            snapshots.Add(await source.ProbeDatabaseAsync(location, entry, CancellationToken.None));
        }

        Assert.Equal(["orders", "payroll", "app"], snapshots.Select(snapshot => snapshot.Name));
        Assert.Equal("", snapshots[0].ProbeError);
        Assert.Equal("", snapshots[2].ProbeError);
        Assert.Equal(5120, snapshots[0].SizeMB);
        Assert.Equal(1200, snapshots[2].SizeMB);
        Assert.Contains("permission denied (SQL error 229)", snapshots[1].ProbeError);
        Assert.Contains("database 'payroll'", snapshots[1].ProbeError);
        Assert.Equal("Online", snapshots[1].State);
        Assert.Equal(0, snapshots[1].SizeMB);
        Assert.DoesNotContain(server.RequestTexts, text => text.StartsWith("USE [payroll]", StringComparison.Ordinal));
        Assert.Contains(server.RequestTexts, text => text.StartsWith("USE [app]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DiscoveryOverTds_CommandTimeoutStatus()
    {
        var fake = new FakeSqlServer { Databases = [new FakeDatabase("ledger")], SleepingQuery = DiscoveryQueries.DatabaseList };
        await using var server = fake.Start();
        var waits = new List<TimeSpan>();
        var (source, location) = await SourceForAsync(server, maxRetries: 1, commandTimeout: TimeSpan.FromSeconds(1), waits: waits);

        var instance = await source.ProbeInstanceAsync(location, CancellationToken.None);

        Assert.Equal(ProbeStatus.Failed, instance.Status);
        Assert.Contains("timed out (SQL error -2)", instance.StatusMessage);
        Assert.Equal([TimeSpan.FromSeconds(1)], waits);
        Assert.Equal(2, server.RequestTexts.Count(text => text == DiscoveryQueries.DatabaseList));
        Assert.Equal(2, server.AttentionCount);
    }

    [Theory]
    [InlineData(TdsReplyBehavior.ResetMidResult)]
    [InlineData(TdsReplyBehavior.CloseMidResult)]
    public async Task DiscoveryOverTds_DroppedMidResultUnreachable(TdsReplyBehavior drop)
    {
        var fake = new FakeSqlServer
        {
            Databases = [new FakeDatabase("ledger"), new FakeDatabase("archive2019")],
            DroppingQuery = DiscoveryQueries.DatabaseList,
            DropBehavior = drop,
        };
        await using var server = fake.Start();
        var waits = new List<TimeSpan>();
        var (source, location) = await SourceForAsync(server, maxRetries: 1, waits: waits);

        var instance = await source.ProbeInstanceAsync(location, CancellationToken.None);

        Assert.Equal(ProbeStatus.Unreachable, instance.Status);
        Assert.Contains("unreachable", instance.StatusMessage);
        Assert.Equal([TimeSpan.FromSeconds(1)], waits);
        Assert.Equal(2, server.RequestTexts.Count(text => text == DiscoveryQueries.DatabaseList));
    }

    [Fact]
    public async Task DiscoveryOverTds_PooledConnectionReused()
    {
        var fake = new FakeSqlServer { Databases = [new FakeDatabase("orders"), new FakeDatabase("staging")] };
        await using var server = fake.Start();
        var (source, location) = await SourceForAsync(server, pooling: true);

        var instance = await source.ProbeInstanceAsync(location, CancellationToken.None);
        var snapshots = new List<DatabaseSnapshot>();
        foreach (var entry in instance.Databases)
        {
            snapshots.Add(await source.ProbeDatabaseAsync(location, entry, CancellationToken.None));
        }

        Assert.Equal(ProbeStatus.Ok, instance.Status);
        Assert.All(snapshots, snapshot => Assert.Equal("", snapshot.ProbeError));
        Assert.Single(server.Logins);
        Assert.Empty(server.SessionFailures);
    }

    private static bool IsCatalogQuery(TdsRequest request) => request.Text == DiscoveryQueries.DatabaseCatalog;

    private static FakeDatabase ToFake((string Name, string State, string RecoveryMode, byte Level, bool ReadOnly) database) =>
        new(database.Name)
        {
            StateDesc = database.State switch
            {
                "RecoveryPending" => "RECOVERY_PENDING",
                _ => database.State.ToUpperInvariant(),
            },
            RecoveryModelDesc = database.RecoveryMode.ToUpperInvariant(),
            CompatibilityLevel = database.Level,
            IsReadOnly = database.ReadOnly,
        };

    private static async Task<(SqlServerDiscoverySource Source, InstanceLocation Location)> SourceForAsync(
        TdsTestServer server,
        string instanceName = "MSSQLSERVER",
        int maxRetries = 0,
        TimeSpan? commandTimeout = null,
        List<TimeSpan>? waits = null,
        bool pooling = false)
    {
        var connectionString = server.ConnectionString(User, Password) + (pooling ? ";Pooling=True" : "");
        var options = new SqlDiscoveryOptions
        {
            VmId = Guid.Parse("54ef1f4d-e601-48e6-a90a-443aab91a782"),
            Instances = [new ConfiguredInstance(instanceName, connectionString)],
            ConnectTimeout = TimeSpan.FromSeconds(5),
            CommandTimeout = commandTimeout ?? TimeSpan.FromSeconds(30),
            MaxRetries = maxRetries,
        };
        var source = new SqlServerDiscoverySource(options, delay: (wait, _) =>
        {
            waits?.Add(wait);
            return Task.CompletedTask;
        });

        var location = (await source.LocateInstancesAsync(CancellationToken.None)).Single();
        return (source, location);
    }
}
