using System.Text;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Simulation.Tests;

public sealed class FleetFileParseTests
{
    private static readonly Fleet FieldScenarios = FleetFile.Load(TestFleets.FieldScenariosPath);

    private static FleetHost Host(string name) => FieldScenarios.Hosts.Single(host => host.Name == name);

    [Fact]
    public void FieldScenarios_TopLevelKeys()
    {
        Assert.Equal(Guid.Parse("3b55f041-58d7-4307-b59a-c390da3fb077"), FieldScenarios.SubscriptionId);
        Assert.Equal("field-scenarios", FieldScenarios.ResourceGroup);
        Assert.Equal("westeurope", FieldScenarios.Location);
        Assert.Equal(TestFleets.Start, FieldScenarios.Start);
        Assert.Empty(FieldScenarios.Licenses);
        Assert.True(FieldScenarios.Providers[FleetValues.HybridComputeProvider]);
        Assert.True(FieldScenarios.Providers[FleetValues.AzureArcDataProvider]);
    }

    [Fact]
    public void FieldScenarios_EightHostsInFileOrder()
    {
        string[] expected = ["sql-prod-01", "db-east-02", "sql-small-03", "dev-ws-04", "dev-build-05", "sql-std-06", "sql-big-07", "lnx-sql-08"];

        Assert.Equal(expected, FieldScenarios.Hosts.Select(host => host.Name));
    }

    [Fact]
    public void FieldScenarios_HostKeysAsWritten()
    {
        var host = Host("db-east-02");

        Assert.Equal(Guid.Parse("54ef1f4d-e601-48e6-a90a-443aab91a782"), host.VmId);
        Assert.Equal("Dell Inc.", host.Manufacturer);
        Assert.Equal("PowerEdge R650", host.Model);
        Assert.Equal(32, host.LogicalProcessors);
        Assert.Equal(16, host.PhysicalCores);
        Assert.Equal("Paid", host.Extension.LicenseType);
        Assert.Equal("Linux", Host("lnx-sql-08").Os);
    }

    [Fact]
    public void FieldScenarios_HostDefaults()
    {
        var host = Host("dev-ws-04");

        Assert.Equal("Windows", host.Os);
        Assert.Equal("Microsoft Corporation", host.Manufacturer);
        Assert.Equal("Virtual Machine", host.Model);
        Assert.Equal(host.LogicalProcessors, host.PhysicalCores);
        Assert.False(host.Extension.ConsentToRecurringPayg);
        Assert.False(host.Extension.UsePhysicalCoreLicense);
        Assert.False(host.Extension.Esu);
        Assert.Empty(host.Extension.ExcludedInstances);
    }

    [Fact]
    public void FieldScenarios_FeatureFlagDefaults()
    {
        var flags = Host("sql-prod-01").Extension.FeatureFlags;

        Assert.True(flags["AvailabilityGroupDiscovery"]);
        Assert.False(flags["LeastPrivilege"]);
        Assert.False(flags["SqlFailoverClusterInstanceDiscovery"]);
    }

    [Fact]
    public void FieldScenarios_InstanceKeysAndDefaults()
    {
        var instances = Host("sql-prod-01").Instances;
        var sales = instances.Single(instance => instance.Name == "SALES");
        var hr = instances.Single(instance => instance.Name == "HR");

        Assert.Equal(["SALES", "HR", "APP"], instances.Select(instance => instance.Name));
        Assert.Equal("Standard", sales.Edition);
        Assert.Equal("16.0.4135.4", sales.Version);
        Assert.Equal("1533", sales.TcpStaticPorts);
        Assert.Equal("", sales.TcpDynamicPorts);
        Assert.Equal("49731", hr.TcpDynamicPorts);
        Assert.Equal("SQL_Latin1_General_CP1_CI_AS", sales.Collation);
        Assert.Equal("Running", sales.State);
        Assert.False(sales.LocalDb);
        Assert.Null(sales.FailoverCluster);
        Assert.Equal(0, sales.UserConnections);
        Assert.Equal(2147483647, sales.MaxServerMemoryMB);
        Assert.Equal(1, sales.TempdbDataFiles);
        Assert.Empty(sales.AvailabilityGroups);
    }

    [Fact]
    public void FieldScenarios_LocalDbFlagged()
    {
        var instances = Host("dev-ws-04").Instances;

        Assert.True(instances.Single(instance => instance.Name == "MSSQLLocalDB").LocalDb);
        Assert.False(instances.Single(instance => instance.Name == "SQLEXPRESS").LocalDb);
    }

    [Fact]
    public void FieldScenarios_DatabaseKeysAndDefaults()
    {
        var orders = Host("sql-prod-01").Instances[0].Databases.Single(database => database.Name == "orders");
        var crm = Host("sql-small-03").Instances[0].Databases.Single();
        var tools = Host("dev-ws-04").Instances[0].Databases.Single();

        Assert.Equal("Online", orders.State);
        Assert.Equal("Full", orders.RecoveryMode);
        Assert.Equal(160, orders.CompatibilityLevel);
        Assert.Equal(5120, orders.SizeMB);
        Assert.False(orders.IsReadOnly);
        Assert.Equal(150, crm.CompatibilityLevel);
        Assert.Equal(160, tools.CompatibilityLevel);
        Assert.False(orders.Options.AutoClose);
        Assert.False(orders.Options.AutoShrink);
        Assert.True(orders.Options.AutoCreateStats);
        Assert.True(orders.Options.AutoUpdateStats);
        Assert.False(orders.Options.Trustworthy);
        Assert.False(orders.Options.Encrypted);
        Assert.Equal("CHECKSUM", orders.Options.PageVerify);
        Assert.Null(orders.LastFullBackup);
        Assert.Null(orders.LastLogBackup);
        Assert.Null(orders.LastGoodCheckDb);
    }

    [Fact]
    public void FieldScenarios_DatabaseStatesAndReadOnly()
    {
        var databases = Host("db-east-02").Instances[0].Databases;

        Assert.Equal("Offline", databases.Single(database => database.Name == "archive2019").State);
        Assert.Equal("Restoring", databases.Single(database => database.Name == "restore_target").State);
        Assert.Equal("RecoveryPending", databases.Single(database => database.Name == "broken_log").State);
        Assert.True(databases.Single(database => database.Name == "reference_data").IsReadOnly);
    }

    [Fact]
    public void FieldScenarios_UnicodeNamesByteForByte()
    {
        var names = Host("db-east-02").Instances[0].Databases.Select(database => database.Name).ToList();
        byte[][] expected =
        [
            [0xCE, 0xB1, 0xCE, 0xB2, 0xCE, 0xB3, 0x20, 0xCE, 0x94, 0xCE, 0x95],
            [0xE0, 0xB2, 0xA0, 0x5F, 0xE0, 0xB2, 0xA0],
            Encoding.ASCII.GetBytes("O'Brien [eu] data"),
        ];

        Assert.Equal(8, names.Count);
        foreach (var bytes in expected)
        {
            Assert.Contains(names, name => Encoding.UTF8.GetBytes(name).SequenceEqual(bytes));
        }
    }

    [Fact]
    public void FieldScenarios_TimelineInFileOrderWithTimes()
    {
        var timeline = FieldScenarios.Timeline;

        Assert.Equal(3, timeline.Count);
        Assert.Equal(TestFleets.Start + TimeSpan.FromMinutes(10 * 60 + 20), timeline[0].At);
        Assert.Equal("sql-std-06", timeline[0].Host);
        Assert.Equal("SALES", timeline[0].Instance);
        Assert.Equal("Developer", Assert.IsType<ChangeInstanceAction>(timeline[0].Action).Change.Edition);
        Assert.Equal("returns", Assert.IsType<AddDatabaseAction>(timeline[1].Action).Database.Name);
        Assert.Equal("archive2019", timeline[2].Database);
        Assert.Equal("Online", Assert.IsType<ChangeDatabaseAction>(timeline[2].Action).Change.State);
    }

    [Fact]
    public void FleetFile_DerivedVmId()
    {
        var fleet = FleetFile.Parse(TestFleets.Minimal().Replace("name: h1", "name: DEV-WS-03"), "test.yaml");

        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "dev-ws-03")
        Assert.Equal(Guid.Parse("fea99fa5-cdea-55d1-8e40-d8cd3e2dfd94"), fleet.Hosts[0].VmId);
    }

    [Fact]
    public void NameBasedGuid_MatchesRfcVersion5()
    {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com")
        Assert.Equal(Guid.Parse("2ed6657d-e927-568b-95e1-2665a8aea6a2"), NameBasedGuid.Create(NameBasedGuid.DnsNamespace, "www.example.com"));
    }

    [Fact]
    public void Sample_LoadsSixHostsWithAvailabilityGroupPair()
    {
        var sample = FleetFile.Load(TestFleets.SamplePath);
        var primary = sample.Hosts.Single(host => host.Name == "ag-node-05").Instances[0].AvailabilityGroups.Single();
        var secondary = sample.Hosts.Single(host => host.Name == "ag-node-06").Instances[0].AvailabilityGroups.Single();

        Assert.Equal(6, sample.Hosts.Count);
        Assert.Equal("Primary", primary.Role);
        Assert.Equal("Secondary", secondary.Role);
        Assert.True(secondary.Readable);
        Assert.Equal(primary.Id, secondary.Id);
        Assert.Equal("Deactivated", sample.Licenses.Single().ActivationState);
        Assert.Contains("Simulated sample data", File.ReadAllText(TestFleets.SamplePath).Split('\n')[0]);
    }

    [Fact]
    public void FleetFile_AcceptsJson()
    {
        const string json = """
            { "subscriptionId": "3b55f041-58d7-4307-b59a-c390da3fb077", "resourceGroup": "rg", "start": "2026-11-30T00:00:00Z",
              "hosts": [ { "name": "h1", "logicalProcessors": 4, "instances": [ { "name": "A", "edition": "Web", "version": "15.0.4375.4" } ] } ] }
            """;

        var fleet = FleetFile.Parse(json, "test.json");

        Assert.Equal("Web", fleet.Hosts[0].Instances[0].Edition);
    }

    [Fact]
    public void FleetFile_FeatureFlagOverridesKeepOtherDefaults()
    {
        var text = TestFleets.Minimal().Replace("    logicalProcessors: 4", "    logicalProcessors: 4\n    extension: { featureFlags: { LeastPrivilege: true } }");

        var flags = FleetFile.Parse(text, "test.yaml").Hosts[0].Extension.FeatureFlags;

        Assert.True(flags["LeastPrivilege"]);
        Assert.True(flags["AvailabilityGroupDiscovery"]);
        Assert.False(flags["SqlFailoverClusterInstanceDiscovery"]);
    }

    [Theory]
    [InlineData("90m", 90 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("1d6h", 30 * 3600)]
    [InlineData("10h20m", 10 * 3600 + 20 * 60)]
    [InlineData("30s", 30)]
    [InlineData("2026-11-30T05:00:00Z", 5 * 3600)]
    [InlineData("2026-11-30T06:00:00+01:00", 5 * 3600)]
    public void FleetFile_DurationsAndTimestamps(string at, int secondsAfterStart)
    {
        var text = TestFleets.Minimal("timeline:", $"  - {{ at: {at}, host: h1, change: {{ logicalProcessors: 8 }} }}");

        var fleet = FleetFile.Parse(text, "test.yaml");

        Assert.Equal(TestFleets.Start + TimeSpan.FromSeconds(secondsAfterStart), fleet.Timeline[0].At);
    }
}
