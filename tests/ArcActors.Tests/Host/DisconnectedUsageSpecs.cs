using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using ArcActors.Billing;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Usage;
using ArcActors.Dps.Machines;
using ArcActors.Host;
using ArcActors.Host.Agent;
using ArcActors.Host.Usage;
using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;
using Xunit;

namespace ArcActors.Tests.Host;

/// <summary>
/// Usage recording while the cloud side sends no reply or a cycle hangs. Akka timers (acknowledgement
/// timeouts, cycle timeouts) run on the <see cref="TestScheduler"/>, so time moves only when a spec advances it.
/// </summary>
public sealed class DisconnectedUsageSpecs : TestKit
{
    private const string FleetYaml = """
        subscriptionId: 3b55f041-58d7-4307-b59a-c390da3fb077
        resourceGroup: specs
        start: 2026-12-01T00:00:00Z
        hosts:
          - name: app-vm-01
            vmId: 5a0f3c7e-2b1d-4c8a-9e6f-1d2c3b4a5e61
            logicalProcessors: 8
            instances:
              - name: ALPHA
                edition: Standard
                version: 16.0.4135.4
                databases:
                  - { name: orders }
              - name: BETA
                edition: Enterprise
                version: 16.0.4135.4
                databases:
                  - { name: ledger }
        """;

    private static readonly Guid VmId = Guid.Parse("5a0f3c7e-2b1d-4c8a-9e6f-1d2c3b4a5e61");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly HostAgentSettings _settings = new()
    {
        Scope = new ResourceScope("3b55f041-58d7-4307-b59a-c390da3fb077", "specs", "westeurope"),
        AckTimeout = TimeSpan.FromSeconds(10),
        MaxRetryDelay = TimeSpan.FromMinutes(1),
        CycleTimeout = TimeSpan.FromMinutes(10),
    };

    private readonly string _folder = TestConfig.TempFolder("disconnected-usage");
    private readonly SqliteUsageOutbox _outbox;
    private readonly FleetState _state;
    private readonly GatedDiscoverySource _source;

    public DisconnectedUsageSpecs() : base(SchedulerConfig())
    {
        _outbox = new SqliteUsageOutbox(Path.Combine(_folder, "host-outbox.db"));
        _state = new FleetState(FleetFile.Parse(FleetYaml, "disconnected.yaml"));
        _source = new GatedDiscoverySource(new SimulatedDiscoverySource(_state, VmId));
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private DateTimeOffset Start => _state.Fleet.Start;

    [Fact]
    public void HostSupervisor_SilentCloudLosesNoUsageHour()
    {
        var cloud = CreateTestProbe();
        var supervisor = StartSupervisor(cloud.Ref);
        var hours = Enumerable.Range(0, 6).Select(hour => Start.AddHours(hour)).ToList();

        for (var hour = 0; hour < hours.Count; hour++)
        {
            supervisor.Tell(new RunInventoryCycle(hours[hour].AddMinutes(1)));
            var recorded = hour + 1;
            AwaitAssert(() => Assert.Equal(recorded, PendingHours().Count), Wait);
            if (hour > 0)
            {
                var ended = ExpectMsg<InventoryCycleCompleted>(Wait);
                Assert.Equal(hours[hour - 1].AddMinutes(1), ended.At);
                Assert.Contains(ended.Errors, error => error.StartsWith("not acknowledged before the cycle at", StringComparison.Ordinal));
            }
        }

        Assert.Equal(hours, PendingHours());

        // The last cycle waits for acknowledgements no longer than the cycle timeout.
        Scheduler.Advance(_settings.CycleTimeout);
        var timedOut = ExpectMsg<InventoryCycleCompleted>(Wait);
        Assert.Equal(hours[^1].AddMinutes(1), timedOut.At);
        Assert.Contains(timedOut.Errors, error => error.Contains("upload: not finished within", StringComparison.Ordinal));

        supervisor.Tell(new UploadUsageNow(Start.AddHours(6), IncludeOpenHour: false));
        var first = cloud.FishForMessage<UploadUsage>(_ => true, Wait);
        Assert.Equal(hours, first.Records.Select(record => record.HourStart));
        var again = AdvanceUntilReceived<UploadUsage>(cloud);
        Assert.Equal(first.UploadId, again.UploadId);
        Assert.Equal(hours, PendingHours());

        var billing = new BillingCloud();
        cloud.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            billing.Answer(sender, message);
            return AutoPilot.KeepRunning;
        }));

        var completed = AdvanceUntilReceived<UsageUploadCompleted>(this);
        Assert.Equal(hours.Count, completed.Records);
        Assert.Empty(completed.Error);
        Assert.Equal(0, _outbox.CountPending());
        supervisor.Tell(new UploadUsageNow(Start.AddHours(6), IncludeOpenHour: false));
        Assert.Equal(0, ExpectMsg<UsageUploadCompleted>(Wait).Records);
        Assert.Equal(hours, billing.BilledHours());
        Assert.Equal([first.UploadId], billing.AcknowledgedUsageUploads());
    }

    [Fact]
    public void HostSupervisor_SameHourCycleIsSkipped()
    {
        var cloud = CreateTestProbe();
        var supervisor = StartSupervisor(cloud.Ref);
        supervisor.Tell(new RunInventoryCycle(Start.AddMinutes(1)));
        AwaitAssert(() => Assert.Equal([Start], PendingHours()), Wait);

        supervisor.Tell(new RunInventoryCycle(Start.AddMinutes(30)));

        var skipped = ExpectMsg<InventoryCycleCompleted>(Wait);
        Assert.Equal(Start.AddMinutes(30), skipped.At);
        var reason = Assert.Single(skipped.Errors);
        Assert.StartsWith("skipped discovery and inventory uploads, because the cycle at", reason);
        Assert.Contains("has already recorded its usage", reason);
        Assert.Equal([Start], PendingHours());
    }

    [Fact]
    public void HostSupervisor_HangingCycleLosesNoUsageHour()
    {
        var uploads = CreateTestProbe();
        var supervisor = StartSupervisor(Sys.ActorOf(Props.Create(() => new AutoAckIngress(uploads.Ref))));
        supervisor.Tell(new RunInventoryCycle(Start.AddMinutes(1)));
        Assert.Empty(ExpectMsg<InventoryCycleCompleted>(Wait).Errors);

        _source.CloseGate();
        supervisor.Tell(new RunInventoryCycle(Start.AddHours(1).AddMinutes(1)));
        supervisor.Tell(new RunInventoryCycle(Start.AddHours(2).AddMinutes(1)));

        var skipped = ExpectMsg<InventoryCycleCompleted>(Wait);
        Assert.Equal(Start.AddHours(2).AddMinutes(1), skipped.At);
        AwaitAssert(() => Assert.Equal([Start, Start.AddHours(2)], PendingHours()), Wait);
        var skippedHour = PendingRecord(Start.AddHours(2));
        Assert.Equal(["ALPHA", "BETA"], skippedHour.Instances.Select(instance => instance.InstanceName));
        var reason = Assert.Single(skipped.Errors);
        Assert.StartsWith("skipped discovery and inventory uploads but recorded usage from the last observation", reason);

        _source.OpenGate();
        var late = ExpectMsg<InventoryCycleCompleted>(Wait);
        Assert.Equal(Start.AddHours(1).AddMinutes(1), late.At);
        AwaitAssert(() => Assert.Equal([Start, Start.AddHours(1), Start.AddHours(2)], PendingHours()), Wait);
    }

    [Fact]
    public void HostSupervisor_HangingProbeUsesLastObservation()
    {
        var uploads = CreateTestProbe();
        var supervisor = StartSupervisor(Sys.ActorOf(Props.Create(() => new AutoAckIngress(uploads.Ref))));
        supervisor.Tell(new RunInventoryCycle(Start.AddMinutes(1)));
        ExpectMsg<InventoryCycleCompleted>(Wait);

        _source.CloseGate();
        supervisor.Tell(new RunInventoryCycle(Start.AddHours(1).AddMinutes(1)));
        AwaitCondition(() => _source.WaitingProbes == 2, Wait);
        Scheduler.Advance(_settings.CycleTimeout);

        var timedOut = ExpectMsg<InventoryCycleCompleted>(Wait);
        Assert.Contains(timedOut.Errors, error => error == "instance ALPHA: probe not finished, usage recorded from its last observation");
        Assert.Contains(timedOut.Errors, error => error.StartsWith("instance BETA probe: not finished within", StringComparison.Ordinal));
        AwaitAssert(() => Assert.Equal([Start, Start.AddHours(1)], PendingHours()), Wait);
        Assert.Equal(["ALPHA", "BETA"], PendingRecord(Start.AddHours(1)).Instances.Select(instance => instance.InstanceName));
        _source.OpenGate();
    }

    [Fact]
    public void UsageMeter_LaterRequestReplacesUnacknowledgedUpload()
    {
        var cloud = CreateTestProbe();
        var meter = Sys.ActorOf(UsageMeter.Props(VmId, _settings, _outbox, cloud.Ref));
        var hours = Enumerable.Range(0, 24).Select(hour => Start.AddHours(hour)).ToList();
        foreach (var hour in hours)
        {
            _outbox.Record(Record(hour));
        }

        meter.Tell(new UploadUsageNow(Start.AddHours(12), IncludeOpenHour: false));
        var first = cloud.ExpectMsg<UploadUsage>(Wait);
        Assert.Equal(hours.Take(12), first.Records.Select(record => record.HourStart));

        var secondRequester = CreateTestProbe();
        meter.Tell(new UploadUsageNow(Start.AddHours(24), IncludeOpenHour: false), secondRequester.Ref);
        var second = cloud.ExpectMsg<UploadUsage>(Wait);
        Assert.NotEqual(first.UploadId, second.UploadId);
        Assert.Equal(hours, second.Records.Select(record => record.HourStart));

        // The first requester sends a second request: one more replacement, but still one reply to it.
        meter.Tell(new UploadUsageNow(Start.AddHours(24), IncludeOpenHour: false));
        var third = cloud.ExpectMsg<UploadUsage>(Wait);
        Assert.Equal(hours, third.Records.Select(record => record.HourStart));

        // Only the latest upload is sent again while the cloud stays silent.
        for (var resend = 0; resend < 3; resend++)
        {
            Assert.Equal(third.UploadId, AdvanceUntilReceived<UploadUsage>(cloud).UploadId);
        }

        var billing = new BillingCloud();
        cloud.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            billing.Answer(sender, message);
            return AutoPilot.KeepRunning;
        }));

        var completed = AdvanceUntilReceived<UsageUploadCompleted>(this);
        Assert.Equal(24, completed.Records);
        Assert.Empty(completed.Error);
        Assert.Equal(24, secondRequester.ExpectMsg<UsageUploadCompleted>(Wait).Records);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, _outbox.CountPending());
        Assert.Equal(hours, billing.BilledHours());
        Assert.Equal([third.UploadId], billing.AcknowledgedUsageUploads());
    }

    private static UsageRecord Record(DateTimeOffset hourStart) => new()
    {
        VmId = VmId,
        HostName = "app-vm-01",
        HourStart = hourStart,
        IsVirtualMachine = true,
        LogicalProcessors = 8,
        PhysicalCores = 8,
        LicenseType = "PAYG",
        Instances = [new InstanceUsage { InstanceName = "ALPHA", Edition = "Standard", CurrentVersion = "16.0.4135.4" }],
    };

    // An upload channel starts its retry timer just after it sends a copy, so a single advance can come
    // before the timer exists. Advancing in rounds until the message arrives removes that race.
    private T AdvanceUntilReceived<T>(TestKitBase receiver)
    {
        for (var round = 0; round < 10; round++)
        {
            Scheduler.Advance(_settings.MaxRetryDelay);
            object? message;
            while ((message = receiver.ReceiveOne(TimeSpan.FromMilliseconds(300))) is not null)
            {
                if (message is T match)
                {
                    return match;
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"no {typeof(T).Name} arrived within 10 advances of {_settings.MaxRetryDelay}");
    }

    private IActorRef StartSupervisor(IActorRef ingress) =>
        Sys.ActorOf(HostSupervisor.Props(VmId, _source, _settings, ingress, _outbox, TimeProvider.System));

    private List<DateTimeOffset> PendingHours() =>
        _outbox.Pending(VmId, Start.AddDays(1), UsageMeter.MaxRecordsPerUpload).Select(record => record.HourStart).ToList();

    private UsageRecord PendingRecord(DateTimeOffset hourStart) =>
        Assert.Single(_outbox.Pending(VmId, Start.AddDays(1), UsageMeter.MaxRecordsPerUpload), record => record.HourStart == hourStart);

    private static Config SchedulerConfig() =>
        ConfigurationFactory.ParseString("""akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit" """)
            .WithFallback(TestConfig.Embedded(Path.Combine(Path.GetTempPath(), "unused-disconnected-journal.db")));

    protected override void Dispose(bool disposing)
    {
        _source.OpenGate();
        base.Dispose(disposing);
        _outbox.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// The cloud side once it replies: acknowledges every upload and bills usage through the machine
    /// entity's own decision, which merges a repeated hour instead of billing it again.
    /// </summary>
    private sealed class BillingCloud
    {
        private readonly Lock _gate = new();
        private readonly MachineState _machine = new();
        private readonly List<DateTimeOffset> _billed = [];
        private readonly HashSet<Guid> _acknowledgedUsage = [];

        public void Answer(IActorRef sender, object message)
        {
            switch (message)
            {
                case UploadUsage usage:
                    Bill(usage);
                    lock (_gate)
                    {
                        _acknowledgedUsage.Add(usage.UploadId);
                    }

                    sender.Tell(new UploadAccepted(usage.UploadId, 1));
                    break;
                case UploadInventory inventory:
                    sender.Tell(new UploadAccepted(inventory.UploadId, 1));
                    break;
                case UploadMachine machine:
                    sender.Tell(new UploadAccepted(machine.UploadId, 1));
                    break;
            }
        }

        public List<DateTimeOffset> BilledHours()
        {
            lock (_gate)
            {
                return _billed.Order().ToList();
            }
        }

        public List<Guid> AcknowledgedUsageUploads()
        {
            lock (_gate)
            {
                return _acknowledgedUsage.ToList();
            }
        }

        private void Bill(UploadUsage usage)
        {
            lock (_gate)
            {
                foreach (var billed in _machine.Decide(usage, usage.Records[^1].HourStart, LicenseCoverage.None))
                {
                    _machine.Apply(billed);
                    _billed.Add(billed.HourStart);
                }
            }
        }
    }

    /// <summary>A discovery source whose instance probes wait while its gate is closed, like a probe that hangs.</summary>
    private sealed class GatedDiscoverySource(IDiscoverySource inner) : IDiscoverySource
    {
        private TaskCompletionSource _gate = Opened();
        private int _waiting;

        public int WaitingProbes => Volatile.Read(ref _waiting);

        public void CloseGate() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OpenGate() => _gate.TrySetResult();

        public Task<MachineSnapshot> DescribeMachineAsync(CancellationToken cancellationToken) => inner.DescribeMachineAsync(cancellationToken);

        public Task<IReadOnlyList<InstanceLocation>> LocateInstancesAsync(CancellationToken cancellationToken) => inner.LocateInstancesAsync(cancellationToken);

        public async Task<InstanceSnapshot> ProbeInstanceAsync(InstanceLocation instance, CancellationToken cancellationToken)
        {
            var gate = _gate.Task;
            if (!gate.IsCompleted)
            {
                Interlocked.Increment(ref _waiting);
                await gate;
                Interlocked.Decrement(ref _waiting);
            }

            return await inner.ProbeInstanceAsync(instance, cancellationToken);
        }

        public Task<DatabaseSnapshot> ProbeDatabaseAsync(InstanceLocation instance, DatabaseEntry database, CancellationToken cancellationToken) =>
            inner.ProbeDatabaseAsync(instance, database, cancellationToken);

        private static TaskCompletionSource Opened()
        {
            var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            opened.SetResult();
            return opened;
        }
    }
}
