using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Simulation.Tests;

public sealed class SimulatedDiscoverySourceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static SimulatedDiscoverySource SourceFor(FleetState state, string hostName) =>
        new(state, state.FindHost(hostName)!.VmId);

    private static FleetState FieldScenarios() => new(FleetFile.Load(TestFleets.FieldScenariosPath));

    private static FleetState Sample() => new(FleetFile.Load(TestFleets.SamplePath));

    private static InstanceLocation Location(string name) => new() { InstanceName = name };

    [Fact]
    public async Task SimulatedSource_DescribesMachine()
    {
        var state = FieldScenarios();
        var source = SourceFor(state, "db-east-02");

        var machine = await source.DescribeMachineAsync(None);

        Assert.Equal(Guid.Parse("54ef1f4d-e601-48e6-a90a-443aab91a782"), machine.VmId);
        Assert.Equal("db-east-02", machine.HostName);
        Assert.Equal("Windows", machine.Os);
        Assert.Equal(32, machine.LogicalProcessors);
        Assert.Equal(16, machine.PhysicalCores);
        Assert.Equal("Physical Server", machine.HostType);
        Assert.Equal("Paid", machine.Extension.LicenseType);
        Assert.True(machine.Extension.FeatureFlags["AvailabilityGroupDiscovery"]);
        Assert.False(machine.Extension.FeatureFlags["LeastPrivilege"]);
    }

    [Fact]
    public async Task SimulatedSource_ExtensionSettingsFromFile()
    {
        var state = Sample();

        var payg = await SourceFor(state, "app-vm-01").DescribeMachineAsync(None);
        var leastPrivilege = await SourceFor(state, "db-phys-02").DescribeMachineAsync(None);

        Assert.Equal("PAYG", payg.Extension.LicenseType);
        Assert.True(payg.Extension.ConsentToRecurringPayg);
        Assert.True(leastPrivilege.Extension.FeatureFlags["LeastPrivilege"]);
    }

    [Fact]
    public async Task SimulatedSource_LocatesLocalDbFlagged()
    {
        var source = SourceFor(FieldScenarios(), "dev-ws-04");

        var locations = await source.LocateInstancesAsync(None);

        Assert.Equal(2, locations.Count);
        Assert.True(locations.Single(location => location.InstanceName == "MSSQLLocalDB").IsLocalDb);
        Assert.False(locations.Single(location => location.InstanceName == "SQLEXPRESS").IsLocalDb);
        Assert.All(locations, location => Assert.Equal("", location.UnsupportedReason));
    }

    [Fact]
    public async Task SimulatedSource_PortsAsGiven()
    {
        var source = SourceFor(FieldScenarios(), "sql-prod-01");

        var sales = await source.ProbeInstanceAsync(Location("SALES"), None);
        var hr = await source.ProbeInstanceAsync(Location("HR"), None);

        Assert.Equal("1533", sales.TcpStaticPorts);
        Assert.Equal("", sales.TcpDynamicPorts);
        Assert.Equal("49731", hr.TcpDynamicPorts);
        Assert.Equal("", hr.TcpStaticPorts);
    }

    [Fact]
    public async Task SimulatedSource_NoPortZeroAnywhere()
    {
        var state = FieldScenarios();
        foreach (var host in state.Hosts)
        {
            var source = new SimulatedDiscoverySource(state, host.VmId);
            foreach (var location in await source.LocateInstancesAsync(None))
            {
                var instance = await source.ProbeInstanceAsync(location, None);

                Assert.NotEqual("0", instance.TcpStaticPorts);
                Assert.NotEqual("0", instance.TcpDynamicPorts);
            }
        }
    }

    [Fact]
    public async Task SimulatedSource_ProbesInstance()
    {
        var source = SourceFor(FieldScenarios(), "sql-prod-01");

        var instance = await source.ProbeInstanceAsync(Location("SALES"), None);

        Assert.Equal("SALES", instance.InstanceName);
        Assert.Equal("Standard", instance.Edition);
        Assert.Equal("16.0.4135.4", instance.CurrentVersion);
        Assert.Equal("SQL Server 2022", instance.VersionLabel);
        Assert.Equal(8, instance.VCore);
        Assert.Equal(InstanceRunState.Running, instance.State);
        Assert.False(instance.IsClustered);
        Assert.Equal("None", instance.AlwaysOnRole);
        Assert.Equal(2147483647, instance.MaxServerMemoryMB);
        Assert.Equal(1, instance.TempdbDataFiles);
        Assert.Equal([new DatabaseEntry("orders", "Online"), new DatabaseEntry("staging", "Online")], instance.Databases);
    }

    [Fact]
    public async Task SimulatedSource_UnicodeDatabaseNamesAndStates()
    {
        var source = SourceFor(FieldScenarios(), "db-east-02");

        var instance = await source.ProbeInstanceAsync(Location("MSSQLSERVER"), None);

        Assert.Equal(8, instance.Databases.Count);
        Assert.Contains(new DatabaseEntry("αβγ ΔΕ", "Online"), instance.Databases);
        Assert.Contains(new DatabaseEntry("ಠ_ಠ", "Online"), instance.Databases);
        Assert.Contains(new DatabaseEntry("O'Brien [eu] data", "Online"), instance.Databases);
        Assert.Contains(new DatabaseEntry("archive2019", "Offline"), instance.Databases);
        Assert.Contains(new DatabaseEntry("restore_target", "Restoring"), instance.Databases);
    }

    [Fact]
    public async Task SimulatedSource_ProbesDatabaseEveryField()
    {
        var state = Sample();
        var source = SourceFor(state, "db-phys-02");
        var location = Location("MSSQLSERVER");

        var ledger = await source.ProbeDatabaseAsync(location, new DatabaseEntry("ledger", "Online"), None);

        Assert.Equal("ledger", ledger.Name);
        Assert.Equal("SQL_Latin1_General_CP1_CI_AS", ledger.CollationName);
        Assert.Equal(state.Fleet.Start, ledger.DatabaseCreationDate);
        Assert.Equal(160, ledger.CompatibilityLevel);
        Assert.Equal("Online", ledger.State);
        Assert.False(ledger.IsReadOnly);
        Assert.Equal("Full", ledger.RecoveryMode);
        Assert.Equal(250000, ledger.SizeMB);
        Assert.InRange(ledger.SpaceAvailableMB, 0, ledger.SizeMB);
        Assert.True(ledger.Options.IsEncrypted);
        Assert.Equal("CHECKSUM", ledger.Options.PageVerify);
        Assert.True(ledger.Options.IsAutoCreateStatsOn);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero), ledger.LastFullBackup);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 45, 0, TimeSpan.Zero), ledger.LastLogBackup);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero), ledger.LastGoodCheckDb);
        Assert.Equal("", ledger.ProbeError);
    }

    [Fact]
    public async Task SimulatedSource_OfflineDatabaseStillProbed()
    {
        var source = SourceFor(FieldScenarios(), "db-east-02");

        var archive = await source.ProbeDatabaseAsync(Location("MSSQLSERVER"), new DatabaseEntry("archive2019", "Offline"), None);

        Assert.Equal("Offline", archive.State);
        Assert.Equal("Simple", archive.RecoveryMode);
        Assert.Equal(150, archive.CompatibilityLevel);
    }

    [Fact]
    public async Task SimulatedSource_FollowsTimeline()
    {
        var state = FieldScenarios();
        var source = SourceFor(state, "sql-std-06");

        var before = await source.ProbeInstanceAsync(Location("SALES"), None);
        state.ApplyUntil(state.Fleet.Start.AddHours(11));
        var after = await source.ProbeInstanceAsync(Location("SALES"), None);

        Assert.Equal("Standard", before.Edition);
        Assert.Equal("Developer", after.Edition);
    }

    [Fact]
    public async Task SimulatedSource_FollowsRenameByVmId()
    {
        var fleet = FleetFile.Parse(TestFleets.Minimal("timeline:", "  - { at: 1h, host: h1, rename: { to: h1-renamed } }"), "test.yaml");
        var state = new FleetState(fleet);
        var source = SourceFor(state, "h1");

        state.ApplyUntil(fleet.Start.AddHours(1));
        var machine = await source.DescribeMachineAsync(None);

        Assert.Equal("h1-renamed", machine.HostName);
        Assert.Equal(fleet.Hosts[0].VmId, machine.VmId);
    }

    [Fact]
    public async Task SimulatedSource_AvailabilityGroupRoles()
    {
        var state = Sample();

        var primary = await SourceFor(state, "ag-node-05").ProbeInstanceAsync(Location("MSSQLSERVER"), None);
        var secondary = await SourceFor(state, "ag-node-06").ProbeInstanceAsync(Location("MSSQLSERVER"), None);

        var primaryGroup = Assert.Single(primary.AvailabilityGroups);
        var secondaryGroup = Assert.Single(secondary.AvailabilityGroups);
        Assert.Equal("PRIMARY", primaryGroup.LocalRole);
        Assert.Equal("SECONDARY", secondaryGroup.LocalRole);
        Assert.True(secondaryGroup.LocalReadable);
        Assert.Equal("ag-node-05", secondaryGroup.PrimaryReplica);
        Assert.Equal(primaryGroup.AvailabilityGroupId, secondaryGroup.AvailabilityGroupId);
        Assert.Equal("AvailabilityGroupReplica", secondary.AlwaysOnRole);
        Assert.True(secondary.IsHadrEnabled);
        Assert.Equal(2, secondaryGroup.Replicas.Count);
        Assert.Contains(secondaryGroup.Databases, database => database.DatabaseName == "shop" && database.IsLocal && !database.IsPrimaryReplica);
    }

    [Fact]
    public async Task SimulatedSource_AvailabilityGroupAfterFailover()
    {
        var state = Sample();
        var source = SourceFor(state, "ag-node-06");

        state.ApplyUntil(state.Fleet.Start.AddHours(6));
        var instance = await source.ProbeInstanceAsync(Location("MSSQLSERVER"), None);

        var group = Assert.Single(instance.AvailabilityGroups);
        Assert.Equal("PRIMARY", group.LocalRole);
        Assert.Equal("ag-node-06", group.PrimaryReplica);
    }

    [Fact]
    public async Task SimulatedSource_FailoverClusterInstance()
    {
        var text = TestFleets.Minimal().Replace(
            "        edition: Standard",
            "        edition: Standard\n        failoverCluster: { networkName: sqlfci01, nodes: [h1, h2], activeNode: h1 }");
        var state = new FleetState(FleetFile.Parse(text, "test.yaml"));

        var instance = await SourceFor(state, "h1").ProbeInstanceAsync(Location("A"), None);

        Assert.True(instance.IsClustered);
        Assert.Equal("FailoverClusterInstance", instance.AlwaysOnRole);
        Assert.Equal("sqlfci01", instance.FailoverCluster!.NetworkName);
        Assert.Equal(["h1", "h2"], instance.FailoverCluster.HostNames);
        Assert.Equal("h1", instance.FailoverCluster.ActiveNode);
    }

    [Fact]
    public async Task SimulatedSource_StoppedInstance()
    {
        var text = TestFleets.Minimal().Replace("        edition: Standard", "        edition: Standard\n        state: Stopped");
        var state = new FleetState(FleetFile.Parse(text, "test.yaml"));

        var instance = await SourceFor(state, "h1").ProbeInstanceAsync(Location("A"), None);

        Assert.Equal(InstanceRunState.Stopped, instance.State);
    }

    [Fact]
    public async Task SimulatedSource_HashNameFlaggedUnsupported()
    {
        var fleet = FleetFile.Parse(TestFleets.Minimal(), "test.yaml");
        var host = fleet.Hosts[0];
        var withHash = host with { Instances = [.. host.Instances, new FleetInstance { Name = "APP#2", Edition = "Express", Version = "16.0.1000.6" }] };
        var state = new FleetState(fleet with { Hosts = [withHash] });

        var locations = await new SimulatedDiscoverySource(state, host.VmId).LocateInstancesAsync(None);

        Assert.Contains("#", locations.Single(location => location.InstanceName == "APP#2").UnsupportedReason);
        Assert.Equal("", locations.Single(location => location.InstanceName == "A").UnsupportedReason);
    }

    [Fact]
    public async Task SimulatedSource_FaultOnOneInstance()
    {
        var source = SourceFor(FieldScenarios(), "sql-prod-01");
        source.Faults.FailInstance("HR");

        await Assert.ThrowsAsync<InvalidOperationException>(() => source.ProbeInstanceAsync(Location("HR"), None));
        var sales = await source.ProbeInstanceAsync(Location("SALES"), None);

        Assert.Equal("SALES", sales.InstanceName);
    }

    [Fact]
    public async Task SimulatedSource_FaultOnOneDatabase()
    {
        var source = SourceFor(FieldScenarios(), "sql-prod-01");
        source.Faults.FailDatabase("SALES", "orders");

        await Assert.ThrowsAsync<InvalidOperationException>(() => source.ProbeDatabaseAsync(Location("SALES"), new DatabaseEntry("orders", "Online"), None));
        var staging = await source.ProbeDatabaseAsync(Location("SALES"), new DatabaseEntry("staging", "Online"), None);
        var instance = await source.ProbeInstanceAsync(Location("SALES"), None);

        Assert.Equal("staging", staging.Name);
        Assert.Equal("SALES", instance.InstanceName);
    }

    [Fact]
    public async Task SimulatedSource_CustomFaultAndClear()
    {
        var source = SourceFor(FieldScenarios(), "sql-prod-01");
        source.Faults.Custom = (instance, database) => instance == "APP" && database is null ? new TimeoutException("simulated timeout") : null;

        await Assert.ThrowsAsync<TimeoutException>(() => source.ProbeInstanceAsync(Location("APP"), None));
        source.Faults.Clear();
        var app = await source.ProbeInstanceAsync(Location("APP"), None);

        Assert.Equal("APP", app.InstanceName);
    }

    [Fact]
    public async Task SimulatedSource_RemovedInstanceThrows()
    {
        var fleet = FleetFile.Parse(TestFleets.Minimal("timeline:", "  - { at: 1h, host: h1, removeInstance: { name: A } }"), "test.yaml");
        var state = new FleetState(fleet);
        var source = SourceFor(state, "h1");

        state.ApplyUntil(fleet.Start.AddHours(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => source.ProbeInstanceAsync(Location("A"), None));
    }

    [Fact]
    public async Task SimulatedSource_UnknownVmIdThrows()
    {
        var source = new SimulatedDiscoverySource(FieldScenarios(), Guid.NewGuid());

        await Assert.ThrowsAsync<InvalidOperationException>(() => source.DescribeMachineAsync(None));
    }

    [Fact]
    public async Task SimulatedSource_HonorsCancellation()
    {
        var source = SourceFor(FieldScenarios(), "sql-prod-01");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.LocateInstancesAsync(cancelled.Token));
    }
}
