using Akka.Actor;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts.Ingress;
using ArcActors.Host;
using ArcActors.Host.Agent;
using ArcActors.Host.Usage;
using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;
using Xunit;

namespace ArcActors.Tests.Host;

public sealed class HostSupervisorSpecs : TestKit
{
    private const string FleetYaml = """
        subscriptionId: 3b55f041-58d7-4307-b59a-c390da3fb077
        resourceGroup: specs
        start: 2026-11-30T00:00:00Z
        hosts:
          - name: sql-spec-01
            vmId: 0e6c2a53-1f0b-4d6e-9f6a-0a4b7d2c9e11
            logicalProcessors: 8
            instances:
              - name: ALPHA
                edition: Standard
                version: 16.0.4135.4
                databases:
                  - { name: orders }
                  - { name: "O'Brien [eu] data" }
              - name: BETA
                edition: Enterprise
                version: 16.0.4135.4
                databases:
                  - { name: ledger }
        timeline:
          - at: 1h
            host: sql-spec-01
            removeInstance: { name: BETA }
          - at: 2h
            host: sql-spec-01
            addInstance: { name: GAMMA, edition: Developer, version: 16.0.4135.4 }
        """;

    private static readonly Guid VmId = Guid.Parse("0e6c2a53-1f0b-4d6e-9f6a-0a4b7d2c9e11");
    private readonly string _folder = TestConfig.TempFolder("host");
    private readonly SqliteUsageOutbox _outbox;
    private readonly FleetState _state;
    private readonly SimulatedDiscoverySource _source;
    private readonly Akka.TestKit.TestProbe _uploads;
    private readonly IActorRef _supervisor;

    public HostSupervisorSpecs() : base(TestConfig.Embedded(Path.Combine(Path.GetTempPath(), "unused-host-journal.db")))
    {
        _outbox = new SqliteUsageOutbox(Path.Combine(_folder, "outbox.db"));
        var fleet = FleetFile.Parse(FleetYaml, "specs.yaml");
        _state = new FleetState(fleet);
        _source = new SimulatedDiscoverySource(_state, VmId);
        _uploads = CreateTestProbe();
        var ingress = Sys.ActorOf(Props.Create(() => new AutoAckIngress(_uploads.Ref)));
        var settings = new HostAgentSettings
        {
            Scope = new ResourceScope("3b55f041-58d7-4307-b59a-c390da3fb077", "specs", "westeurope"),
            MinRetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromMilliseconds(400),
            AckTimeout = TimeSpan.FromSeconds(1),
        };
        _supervisor = Sys.ActorOf(HostSupervisor.Props(VmId, _source, settings, ingress, _outbox, TimeProvider.System));
    }

    [Fact]
    public void HostSupervisor_ChildrenFollowDiscovery()
    {
        var start = _state.Fleet.Start;

        RunCycle(start);
        Assert.Equal(["ALPHA", "BETA"], RunningInstanceNames());

        _state.ApplyUntil(start.AddHours(1));
        RunCycle(start.AddHours(1));
        Assert.Equal(["ALPHA"], RunningInstanceNames());

        _state.ApplyUntil(start.AddHours(2));
        RunCycle(start.AddHours(2));
        Assert.Equal(["ALPHA", "GAMMA"], RunningInstanceNames());
    }

    [Fact]
    public void HostSupervisor_FailingInstanceProbeStaysIsolated()
    {
        _source.Faults.FailInstance("BETA");

        var completed = RunCycle(_state.Fleet.Start);

        Assert.Single(completed.Errors, error => error.Contains("BETA"));
        var inventory = _uploads.FishForMessage<UploadInventory>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal("ALPHA", inventory.Instance.InstanceName);

        _source.Faults.Clear();
        var retried = _uploads.FishForMessage<UploadInventory>(upload => upload.Instance.InstanceName == "BETA", TimeSpan.FromSeconds(10));
        Assert.Equal("ledger", Assert.Single(retried.ChangedDatabases).Name);
    }

    [Fact]
    public void HostSupervisor_FailingDatabaseIsMarked()
    {
        _source.Faults.FailDatabase("ALPHA", "orders");

        RunCycle(_state.Fleet.Start);

        var alpha = _uploads.FishForMessage<UploadInventory>(upload => upload.Instance.InstanceName == "ALPHA", TimeSpan.FromSeconds(5));
        var failed = Assert.Single(alpha.ChangedDatabases, database => database.Name == "orders");
        Assert.NotEmpty(failed.ProbeError);
        var healthy = Assert.Single(alpha.ChangedDatabases, database => database.Name == "O'Brien [eu] data");
        Assert.Empty(healthy.ProbeError);
    }

    [Fact]
    public void HostSupervisor_FailedDatabaseProbeIsRetried()
    {
        var ordersProbes = 0;
        _source.Faults.Custom = (instance, database) =>
            database == "orders" && Interlocked.Increment(ref ordersProbes) <= 2 ? new InvalidOperationException("orders is busy") : null;

        RunCycle(_state.Fleet.Start);

        // The first probe fails inside the cycle; the actor retries on its own after 100 ms and 200 ms.
        AwaitAssert(() => Assert.True(Volatile.Read(ref ordersProbes) >= 3), TimeSpan.FromSeconds(5));
        var next = RunCycle(_state.Fleet.Start.AddHours(1));
        Assert.Empty(next.Errors);
    }

    [Fact]
    public void HostSupervisor_UnchangedCycleSendsNoDatabases()
    {
        RunCycle(_state.Fleet.Start);
        _uploads.ReceiveWhile(TimeSpan.FromMilliseconds(300), message => message);

        RunCycle(_state.Fleet.Start.AddHours(1));

        var second = _uploads.FishForMessage<UploadInventory>(upload => upload.Instance.InstanceName == "ALPHA", TimeSpan.FromSeconds(5));
        Assert.Empty(second.ChangedDatabases);
        Assert.Equal(2, second.AllDatabaseNames.Count);
    }

    [Fact]
    public void HostSupervisor_UsageUploadCoversClosedHours()
    {
        var start = _state.Fleet.Start;
        RunCycle(start);
        RunCycle(start.AddHours(1));

        _supervisor.Tell(new UploadUsageNow(start.AddHours(2), IncludeOpenHour: false));

        var usage = _uploads.FishForMessage<UploadUsage>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal([start, start.AddHours(1)], usage.Records.Select(record => record.HourStart));
        var completed = ExpectMsg<UsageUploadCompleted>(TimeSpan.FromSeconds(5));
        Assert.Equal(2, completed.Records);
        Assert.Equal(0, _outbox.CountPending());
    }

    private InventoryCycleCompleted RunCycle(DateTimeOffset at)
    {
        _supervisor.Tell(new RunInventoryCycle(at));
        return ExpectMsg<InventoryCycleCompleted>(TimeSpan.FromSeconds(10));
    }

    private string[] RunningInstanceNames()
    {
        _supervisor.Tell(GetRunningInstances.Instance);
        return ExpectMsg<RunningInstances>().Instances.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _outbox.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
