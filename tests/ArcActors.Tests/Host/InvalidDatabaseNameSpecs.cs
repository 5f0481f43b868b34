using Akka.Actor;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Host;
using ArcActors.Host.Agent;
using ArcActors.Host.Usage;
using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;
using Xunit;

namespace ArcActors.Tests.Host;

public sealed class InvalidDatabaseNameSpecs : TestKit
{
    private const string BadName = "bell\u0007name";
    private readonly string _folder = TestConfig.TempFolder("bad-db-name");

    public InvalidDatabaseNameSpecs() : base(TestConfig.Embedded(Path.Combine(Path.GetTempPath(), "unused-bad-name-journal.db")))
    {
    }

    [Fact]
    public void InstanceActor_LeavesOutInvalidDatabaseName()
    {
        var fleet = FleetFile.Parse("""
            subscriptionId: 3b55f041-58d7-4307-b59a-c390da3fb077
            resourceGroup: specs
            start: 2026-11-30T00:00:00Z
            hosts:
              - name: sql-odd-01
                vmId: 7c0d7a49-4a5f-4c8e-9a1e-7f3d9a2b6c01
                logicalProcessors: 4
                instances:
                  - { name: MSSQLSERVER, edition: Standard, version: 16.0.4135.4, databases: [ { name: orders } ] }
            """, "odd.yaml");
        var host = fleet.Hosts[0];
        var source = new ExtraDatabaseSource(new SimulatedDiscoverySource(new FleetState(fleet), host.VmId), BadName);
        var uploads = CreateTestProbe();
        var ingress = Sys.ActorOf(Props.Create(() => new AutoAckIngress(uploads.Ref)));
        using var outbox = new SqliteUsageOutbox(Path.Combine(_folder, "outbox.db"));
        var settings = new HostAgentSettings { Scope = new ResourceScope("3b55f041-58d7-4307-b59a-c390da3fb077", "specs", "westeurope") };
        var supervisor = Sys.ActorOf(HostSupervisor.Props(host.VmId, source, settings, ingress, outbox, TimeProvider.System));

        supervisor.Tell(new RunInventoryCycle(fleet.Start));

        var completed = ExpectMsg<InventoryCycleCompleted>(TimeSpan.FromSeconds(10));
        Assert.Contains(completed.Errors, error => error.Contains("control character", StringComparison.Ordinal));
        var inventory = uploads.FishForMessage<UploadInventory>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal(["orders"], inventory.AllDatabaseNames);
        Assert.Equal("orders", Assert.Single(inventory.ChangedDatabases).Name);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A source whose instances report one more database, with a name SQL Server allows but ArcActors does not.</summary>
    private sealed class ExtraDatabaseSource(IDiscoverySource inner, string extraName) : IDiscoverySource
    {
        public Task<MachineSnapshot> DescribeMachineAsync(CancellationToken cancellationToken) => inner.DescribeMachineAsync(cancellationToken);

        public Task<IReadOnlyList<InstanceLocation>> LocateInstancesAsync(CancellationToken cancellationToken) => inner.LocateInstancesAsync(cancellationToken);

        public async Task<InstanceSnapshot> ProbeInstanceAsync(InstanceLocation instance, CancellationToken cancellationToken)
        {
            var snapshot = await inner.ProbeInstanceAsync(instance, cancellationToken);
            return snapshot with { Databases = [.. snapshot.Databases, new DatabaseEntry(extraName, "Online")] };
        }

        public Task<DatabaseSnapshot> ProbeDatabaseAsync(InstanceLocation instance, DatabaseEntry database, CancellationToken cancellationToken) =>
            database.Name == extraName
                ? throw new InvalidOperationException("the invalid database must not be probed")
                : inner.ProbeDatabaseAsync(instance, database, cancellationToken);
    }
}
