using ArcActors.Simulation.Fleets;

namespace ArcActors.Simulation.Tests;

public sealed class FleetGeneratorTests
{
    private static readonly DateTimeOffset Start = TestFleets.Start;

    [Fact]
    public void FleetGenerator_RoundTripsThroughWriterAndParser()
    {
        var generated = FleetGenerator.Generate(hosts: 40, instancesPerHost: 3, databasesPerInstance: 4, Start, seed: 7);
        var yaml = FleetWriter.ToYaml(generated);

        var parsed = FleetFile.Parse(yaml, "generated.yaml");

        Assert.Equal(yaml, FleetWriter.ToYaml(parsed));
        Assert.Equal(40, parsed.Hosts.Count);
        Assert.All(parsed.Hosts, host => Assert.Equal(3, host.Instances.Count));
        Assert.All(parsed.Hosts.SelectMany(host => host.Instances), instance => Assert.Equal(4, instance.Databases.Count));
        Assert.Equal(generated.Timeline.Count, parsed.Timeline.Count);
        Assert.Equal(generated.Hosts.Select(host => host.VmId), parsed.Hosts.Select(host => host.VmId));
    }

    [Fact]
    public void FleetGenerator_WrittenFileLoads()
    {
        var generated = FleetGenerator.Generate(hosts: 5, instancesPerHost: 1, databasesPerInstance: 2, Start, seed: 3);
        var path = Path.Combine(Path.GetTempPath(), $"generated-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, FleetWriter.ToYaml(generated));

            var loaded = FleetFile.Load(path);

            Assert.Equal(generated.Hosts.Select(host => host.Name), loaded.Hosts.Select(host => host.Name));
            Assert.Equal(generated.SubscriptionId, loaded.SubscriptionId);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FleetGenerator_SameSeedSameFleet()
    {
        var first = FleetWriter.ToYaml(FleetGenerator.Generate(20, 2, 2, Start, seed: 11));
        var second = FleetWriter.ToYaml(FleetGenerator.Generate(20, 2, 2, Start, seed: 11));
        var other = FleetWriter.ToYaml(FleetGenerator.Generate(20, 2, 2, Start, seed: 12));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void FleetGenerator_MixesHostsEditionsAndLicenseTypes()
    {
        var fleet = FleetGenerator.Generate(hosts: 100, instancesPerHost: 1, databasesPerInstance: 0, Start, seed: 1);
        var instances = fleet.Hosts.SelectMany(host => host.Instances).ToList();

        Assert.Contains(fleet.Hosts, host => IsVirtualMachine(host));
        Assert.Contains(fleet.Hosts, host => !IsVirtualMachine(host) && host.LogicalProcessors == host.PhysicalCores * 2);
        Assert.True(instances.Select(instance => instance.Edition).Distinct().Count() >= 4);
        Assert.Equal(3, fleet.Hosts.Select(host => host.Extension.LicenseType).Distinct().Count());
        Assert.Contains(fleet.Hosts, host => host.Os == "Linux");
    }

    [Fact]
    public void FleetGenerator_TimelineApplies()
    {
        var fleet = FleetGenerator.Generate(hosts: 3, instancesPerHost: 1, databasesPerInstance: 1, Start, seed: 5);
        var state = new FleetState(fleet);

        var applied = state.ApplyUntil(Start.AddHours(4));

        Assert.Equal(fleet.Timeline.Count, applied.Count);
        Assert.NotNull(state.Hosts[0].Instances[0].FindDatabase("added_by_timeline"));
    }

    [Fact]
    public void FleetGenerator_EmptyFleetRoundTrips()
    {
        var yaml = FleetWriter.ToYaml(FleetGenerator.Generate(0, 0, 0, Start, seed: 1));

        var parsed = FleetFile.Parse(yaml, "empty.yaml");

        Assert.Empty(parsed.Hosts);
    }

    [Theory]
    [InlineData("field-scenarios.yaml")]
    [InlineData("sample.yaml")]
    public void FleetWriter_RoundTripsRepositoryFleets(string fileName)
    {
        var original = FleetFile.Load(Path.Combine(TestFleets.FleetsFolder, fileName));
        var yaml = FleetWriter.ToYaml(original);

        var parsed = FleetFile.Parse(yaml, fileName);

        Assert.Equal(yaml, FleetWriter.ToYaml(parsed));
        Assert.Equal(
            original.Hosts.SelectMany(host => host.Instances).SelectMany(instance => instance.Databases).Select(database => database.Name),
            parsed.Hosts.SelectMany(host => host.Instances).SelectMany(instance => instance.Databases).Select(database => database.Name));
        Assert.Equal(original.Timeline.Select(fleetEvent => fleetEvent.At), parsed.Timeline.Select(fleetEvent => fleetEvent.At));
    }

    [Fact]
    public void FleetWriter_WritesEveryTimelineAction()
    {
        var fleet = FleetFile.Parse(TestFleets.Minimal(
            "licenses:",
            "  - { name: l1, billingPlan: Paid, physicalCores: 16, scopeType: Tenant }",
            "timeline:",
            "  - { at: 1h, host: h1, change: { logicalProcessors: 8, extension: { featureFlags: { LeastPrivilege: true } } } }",
            "  - { at: 1h, host: h1, instance: A, change: { edition: Developer } }",
            "  - { at: 1h, host: h1, instance: A, database: d1, change: { options: { autoClose: true } } }",
            "  - { at: 2h, host: h1, instance: A, addDatabase: { name: d2 } }",
            "  - { at: 3h, host: h1, instance: A, removeDatabase: { name: d2 } }",
            "  - { at: 4h, host: h1, addInstance: { name: B, edition: Web, version: 14.0.3465.1 } }",
            "  - { at: 5h, host: h1, removeInstance: { name: B } }",
            "  - { at: 6h, host: h1, disconnect: { for: 1d6h } }",
            "  - { at: 7h, host: h1, rename: { to: h2 } }",
            "  - { at: 8h, license: { name: l1, activationState: Deactivated } }",
            "  - { at: 9h, provider: { name: Microsoft.HybridCompute, state: NotRegistered } }"), "test.yaml");
        var yaml = FleetWriter.ToYaml(fleet);

        var parsed = FleetFile.Parse(yaml, "written.yaml");

        Assert.Equal(yaml, FleetWriter.ToYaml(parsed));
        Assert.Equal(fleet.Timeline.Select(fleetEvent => fleetEvent.Action.GetType()), parsed.Timeline.Select(fleetEvent => fleetEvent.Action.GetType()));
        Assert.Equal(TimeSpan.FromHours(30), Assert.IsType<DisconnectAction>(parsed.Timeline[7].Action).For);
    }

    private static bool IsVirtualMachine(FleetHost host) =>
        Contracts.Inventory.HypervisorDetection.IsVirtualMachine(host.Manufacturer, host.Model);
}
