using ArcActors.Simulation.Fleets;

namespace ArcActors.Simulation.Tests;

public sealed class FleetStateTests
{
    // Two hosts: h1 with instance A (databases d1, d2), and an availability group pair on p1 and p2.
    private const string Fleet = """
        subscriptionId: 3b55f041-58d7-4307-b59a-c390da3fb077
        resourceGroup: rg
        start: 2026-11-30T00:00:00Z
        licenses:
          - { name: l1, billingPlan: PAYG, physicalCores: 16, scopeType: Subscription }
        hosts:
          - name: h1
            logicalProcessors: 4
            instances:
              - name: A
                edition: Standard
                version: 15.0.4375.4
                databases:
                  - { name: d1 }
                  - { name: d2 }
          - name: p1
            logicalProcessors: 8
            instances:
              - name: MSSQLSERVER
                edition: Enterprise
                version: 16.0.4135.4
                databases: [ { name: shop } ]
                availabilityGroups:
                  - { name: ag1, role: Primary, databases: [shop], replicas: [p1, p2] }
          - name: p2
            logicalProcessors: 8
            instances:
              - name: MSSQLSERVER
                edition: Enterprise
                version: 16.0.4135.4
                databases: [ { name: shop } ]
                availabilityGroups:
                  - { name: ag1, role: Secondary, readable: true, databases: [shop], replicas: [p1, p2] }
        timeline:

        """;

    private static readonly DateTimeOffset Start = TestFleets.Start;

    private static FleetState StateWith(params string[] events) =>
        new(FleetFile.Parse(Fleet + string.Join("\n", events.Select(line => "  - " + line)) + "\n", "state.yaml"));

    private static FleetInstance InstanceA(FleetState state) => state.FindHost("h1")!.FindInstance("A")!;

    [Fact]
    public void FleetState_ChangeHost()
    {
        var state = StateWith("{ at: 1h, host: h1, change: { logicalProcessors: 16, extension: { licenseType: PAYG, consentToRecurringPayg: true } } }");

        state.ApplyUntil(Start.AddHours(1));

        Assert.Equal(16, state.FindHost("h1")!.LogicalProcessors);
        Assert.Equal("PAYG", state.FindHost("h1")!.Extension.LicenseType);
        Assert.True(state.FindHost("h1")!.Extension.ConsentToRecurringPayg);
        Assert.True(state.FindHost("h1")!.Extension.FeatureFlags["AvailabilityGroupDiscovery"]);
    }

    [Fact]
    public void FleetState_ChangeInstance()
    {
        var state = StateWith("{ at: 1h, host: h1, instance: a, change: { edition: Developer, state: Stopped } }");

        state.ApplyUntil(Start.AddHours(1));

        Assert.Equal("Developer", InstanceA(state).Edition);
        Assert.Equal("Stopped", InstanceA(state).State);
    }

    [Fact]
    public void FleetState_ChangeDatabase()
    {
        var state = StateWith("{ at: 1h, host: h1, instance: A, database: d1, change: { state: Offline, options: { pageVerify: NONE } } }");

        state.ApplyUntil(Start.AddHours(1));

        var database = InstanceA(state).FindDatabase("d1")!;
        Assert.Equal("Offline", database.State);
        Assert.Equal("NONE", database.Options.PageVerify);
        Assert.True(database.Options.AutoCreateStats);
    }

    [Fact]
    public void FleetState_AddDatabaseTakesEngineCompatibilityLevel()
    {
        var state = StateWith("{ at: 90m, host: h1, instance: A, addDatabase: { name: d3, sizeMB: 10 } }");

        state.ApplyUntil(Start.AddMinutes(90));

        var added = InstanceA(state).FindDatabase("d3")!;
        Assert.Equal(150, added.CompatibilityLevel);
        Assert.Equal(10, added.SizeMB);
        Assert.Equal(Start.AddMinutes(90), state.DatabaseCreatedAt(state.FindHost("h1")!.VmId, "A", "d3"));
        Assert.Equal(Start, state.DatabaseCreatedAt(state.FindHost("h1")!.VmId, "A", "d1"));
    }

    [Fact]
    public void FleetState_RemoveDatabase()
    {
        var state = StateWith("{ at: 1h, host: h1, instance: A, removeDatabase: { name: d1 } }");

        state.ApplyUntil(Start.AddHours(1));

        Assert.Equal(["d2"], InstanceA(state).Databases.Select(database => database.Name));
    }

    [Fact]
    public void FleetState_AddInstance()
    {
        var state = StateWith("{ at: 1h, host: h1, addInstance: { name: B, edition: Express, version: 16.0.1000.6, tcpDynamicPorts: \"50001\", databases: [ { name: x } ] } }");

        state.ApplyUntil(Start.AddHours(1));

        var added = state.FindHost("h1")!.FindInstance("B")!;
        Assert.Equal("Express", added.Edition);
        Assert.Equal("50001", added.TcpDynamicPorts);
        Assert.Equal(160, added.FindDatabase("x")!.CompatibilityLevel);
    }

    [Fact]
    public void FleetState_RemoveInstance()
    {
        var state = StateWith("{ at: 1h, host: h1, removeInstance: { name: A } }");

        state.ApplyUntil(Start.AddHours(1));

        Assert.Empty(state.FindHost("h1")!.Instances);
    }

    [Fact]
    public void FleetState_FailoverSwapsRoles()
    {
        var state = StateWith("{ at: 6h, failover: { availabilityGroup: ag1, to: p2 } }");

        state.ApplyUntil(Start.AddHours(6));

        Assert.Equal("Secondary", state.FindHost("p1")!.Instances[0].FindAvailabilityGroup("ag1")!.Role);
        Assert.Equal("Primary", state.FindHost("p2")!.Instances[0].FindAvailabilityGroup("ag1")!.Role);
    }

    [Fact]
    public void FleetState_DisconnectWindow()
    {
        var state = StateWith("{ at: 2h, host: h1, disconnect: { for: 90m } }");
        var vmId = state.FindHost("h1")!.VmId;

        state.ApplyUntil(Start.AddHours(2));

        Assert.False(state.IsDisconnected(vmId, Start.AddHours(1)));
        Assert.True(state.IsDisconnected(vmId, Start.AddHours(2)));
        Assert.True(state.IsDisconnected("H1", Start.AddHours(3)));
        Assert.False(state.IsDisconnected(vmId, Start.AddMinutes(210)));
        Assert.False(state.IsDisconnected(state.FindHost("p1")!.VmId, Start.AddHours(2)));
    }

    [Fact]
    public void FleetState_RenameKeepsVmId()
    {
        var state = StateWith("{ at: 1h, host: p1, rename: { to: p1-renamed } }");
        var vmId = state.FindHost("p1")!.VmId;

        state.ApplyUntil(Start.AddHours(1));

        Assert.Null(state.FindHost("p1"));
        Assert.Equal(vmId, state.FindHost("p1-renamed")!.VmId);
        Assert.Equal("p1-renamed", state.FindHost(vmId)!.Name);
        Assert.Equal(["p1-renamed", "p2"], state.FindHost("p2")!.Instances[0].FindAvailabilityGroup("ag1")!.Replicas);
    }

    [Fact]
    public void FleetState_RenamedHostSelectedByNewName()
    {
        var state = StateWith(
            "{ at: 1h, host: h1, rename: { to: h1-new } }",
            "{ at: 2h, host: h1-new, change: { logicalProcessors: 2 } }");

        state.ApplyUntil(Start.AddHours(2));

        Assert.Equal(2, state.FindHost("h1-new")!.LogicalProcessors);
    }

    [Fact]
    public void FleetState_LicenseChange()
    {
        var state = StateWith("{ at: 1h, license: { name: l1, activationState: Deactivated, physicalCores: 32 } }");

        state.ApplyUntil(Start.AddHours(1));

        var license = Assert.Single(state.Licenses);
        Assert.Equal("Deactivated", license.ActivationState);
        Assert.Equal(32, license.PhysicalCores);
        Assert.Equal("PAYG", license.BillingPlan);
    }

    [Fact]
    public void FleetState_ProviderUnregisterAndRegister()
    {
        var state = StateWith(
            "{ at: 1h, provider: { name: Microsoft.AzureArcData, state: NotRegistered } }",
            "{ at: 3h, provider: { name: Microsoft.AzureArcData, state: Registered } }");

        state.ApplyUntil(Start.AddHours(3));

        Assert.True(state.IsProviderRegistered("Microsoft.AzureArcData", Start.AddMinutes(30)));
        Assert.False(state.IsProviderRegistered("Microsoft.AzureArcData", Start.AddHours(2)));
        Assert.True(state.IsProviderRegistered("Microsoft.AzureArcData", Start.AddHours(3)));
        Assert.True(state.IsProviderRegistered("Microsoft.HybridCompute", Start.AddHours(2)));
        Assert.True(state.Providers["Microsoft.AzureArcData"]);
    }

    [Fact]
    public void FleetState_ProvidersFromFile()
    {
        var text = Fleet.Replace("resourceGroup: rg", "resourceGroup: rg\nproviders: { Microsoft.AzureArcData: NotRegistered }");
        var state = new FleetState(FleetFile.Parse(text, "state.yaml"));

        Assert.False(state.IsProviderRegistered("Microsoft.AzureArcData", Start));
        Assert.True(state.IsProviderRegistered("Microsoft.HybridCompute", Start));
        Assert.False(state.Providers["Microsoft.AzureArcData"]);
    }

    [Fact]
    public void FleetState_AppliesOnlyEventsUpToTime()
    {
        var state = StateWith(
            "{ at: 1h, host: h1, change: { logicalProcessors: 8 } }",
            "{ at: 2h, host: h1, change: { logicalProcessors: 16 } }");

        var first = state.ApplyUntil(Start.AddMinutes(90));

        Assert.Single(first);
        Assert.Equal(8, state.FindHost("h1")!.LogicalProcessors);
        Assert.Equal(Start.AddMinutes(90), state.AppliedUntil);
    }

    [Fact]
    public void FleetState_NeverAppliesEventTwice()
    {
        var state = StateWith("{ at: 1h, host: h1, instance: A, addDatabase: { name: d3 } }");

        var first = state.ApplyUntil(Start.AddHours(1));
        var second = state.ApplyUntil(Start.AddHours(5));
        var earlier = state.ApplyUntil(Start);

        Assert.Single(first);
        Assert.Empty(second);
        Assert.Empty(earlier);
        Assert.Equal(Start.AddHours(5), state.AppliedUntil);
        Assert.Equal(3, InstanceA(state).Databases.Count);
    }

    [Fact]
    public void FleetState_TimeOrderThenFileOrder()
    {
        var state = StateWith(
            "{ at: 3h, host: h1, change: { logicalProcessors: 32 } }",
            "{ at: 1h, host: h1, instance: A, addDatabase: { name: d3 } }",
            "{ at: 1h, host: h1, instance: A, database: d3, change: { state: Offline } }");

        var applied = state.ApplyUntil(Start.AddHours(3));

        Assert.Equal([2, 3, 1], applied.Select(fleetEvent => state.Fleet.Timeline.ToList().IndexOf(fleetEvent) + 1));
        Assert.Equal("Offline", InstanceA(state).FindDatabase("d3")!.State);
        Assert.Equal(32, state.FindHost("h1")!.LogicalProcessors);
    }

    [Fact]
    public void FleetState_EventTimesDistinctAscending()
    {
        var state = StateWith(
            "{ at: 3h, host: h1, change: { logicalProcessors: 32 } }",
            "{ at: 1h, host: h1, change: { logicalProcessors: 8 } }",
            "{ at: 1h, host: h1, change: { logicalProcessors: 2 } }");

        Assert.Equal([Start.AddHours(1), Start.AddHours(3)], state.EventTimes);
    }

    [Fact]
    public void FleetState_FleetUnchangedByEvents()
    {
        var state = StateWith("{ at: 1h, host: h1, removeInstance: { name: A } }");

        state.ApplyUntil(Start.AddHours(1));

        Assert.Single(state.Fleet.Hosts.Single(host => host.Name == "h1").Instances);
    }

    [Fact]
    public void FleetState_ProgrammaticBadEventKeepsEarlierOnes()
    {
        var fleet = FleetFile.Parse(Fleet, "state.yaml") with
        {
            Timeline =
            [
                new FleetTimelineEvent { At = Start.AddHours(1), Host = "h1", Action = new ChangeHostAction(new HostChange { LogicalProcessors = 8 }) },
                new FleetTimelineEvent { At = Start.AddHours(2), Host = "nowhere", Action = new ChangeHostAction(new HostChange { LogicalProcessors = 2 }) },
            ],
        };
        var state = new FleetState(fleet);

        var error = Assert.ThrowsAny<InvalidOperationException>(() => state.ApplyUntil(Start.AddHours(2)));

        Assert.Contains("nowhere", error.Message);
        Assert.Equal(8, state.FindHost("h1")!.LogicalProcessors);
    }

    [Fact]
    public async Task FleetState_ReadersDuringApply()
    {
        var events = Enumerable.Range(1, 200).Select(minute => $"{{ at: {minute}m, host: h1, change: {{ logicalProcessors: {minute} }} }}").ToArray();
        var state = StateWith(events);
        using var stop = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested || reads == 0)
            {
                var host = state.Hosts.Single(candidate => candidate.Name == "h1");
                Assert.InRange(host.LogicalProcessors, 1, 200);
                reads++;
            }

            return reads;
        })).ToList();

        for (var minute = 1; minute <= 200; minute++)
        {
            state.ApplyUntil(Start.AddMinutes(minute));
        }

        stop.Cancel();
        var counts = await Task.WhenAll(readers);

        Assert.All(counts, count => Assert.True(count > 0));
        Assert.Equal(200, state.FindHost("h1")!.LogicalProcessors);
    }
}
