using Akka.Actor;
using Akka.Event;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Usage;

namespace ArcActors.Host.Agent;

/// <summary>
/// The host agent of one machine. It owns discovery: each cycle it describes the machine, locates
/// the instances, keeps one <see cref="InstanceActor"/> per managed instance (LocalDB, excluded
/// and unsupported instances are not managed), and hands the hour's usage sample to the usage meter
/// as soon as every instance is probed, before any upload is acknowledged. A failing instance is
/// isolated in its own child and never stops its siblings.
/// </summary>
/// <remarks>
/// Recording usage does not wait for any acknowledgement from the cloud side. A cycle of a later hour
/// ends a previous one that only waits for acknowledgements, and a cycle of the same hour is skipped. When the previous cycle is still probing, the new cycle skips discovery
/// and uploads but still records its hour's usage from the <see cref="LastObservation"/>.
/// </remarks>
public sealed partial class HostSupervisor : ReceiveActor, IWithTimers
{
    private const string MachineKey = "\0machine";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IDiscoverySource _source;
    private readonly HostAgentSettings _settings;
    private readonly IActorRef _ingress;
    private readonly TimeProvider _clock;
    private readonly IActorRef _channel;
    private readonly IActorRef _usageMeter;
    private readonly Dictionary<string, (IActorRef Actor, InstanceLocation Location)> _instances = new(StringComparer.OrdinalIgnoreCase);
    private readonly LastObservation _lastObservation = new();
    private long _cycleNumber;
    private InventoryCycle? _cycle;

    public HostSupervisor(Guid vmId, IDiscoverySource source, HostAgentSettings settings, IActorRef ingress, IUsageOutbox outbox, TimeProvider clock)
    {
        VmId = vmId;
        _source = source;
        _settings = settings;
        _ingress = ingress;
        _clock = clock;
        _channel = Context.ActorOf(UploadChannel.Props(ingress, settings), "uploads");
        _usageMeter = Context.ActorOf(UsageMeter.Props(vmId, settings, outbox, ingress), "usage");

        Receive<RunInventoryCycle>(Start);
        Receive<Located>(OnLocated);
        Receive<InstanceProbeFinished>(OnInstanceProbeFinished);
        Receive<InstanceCycleDone>(OnInstanceDone);
        Receive<UploadChannel.UploadOutcome>(OnMachineUploadOutcome);
        Receive<UploadUsageNow>(upload => _usageMeter.Forward(upload));

        // The reply to this supervisor's own 12-hour upload; the usage meter has logged any rejection.
        Receive<UsageUploadCompleted>(_ => { });
        Receive<GetRunningInstances>(_ =>
            Sender.Tell(new RunningInstances(_instances.ToDictionary(pair => pair.Key, pair => pair.Value.Actor))));
        Receive<Tick>(OnTick);
        Receive<CycleTimedOut>(OnCycleTimedOut);
    }

    public Guid VmId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Guid vmId, IDiscoverySource source, HostAgentSettings settings, IActorRef ingress, IUsageOutbox outbox, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new HostSupervisor(vmId, source, settings, ingress, outbox, clock));

    protected override void PreStart()
    {
        if (_settings.ScheduleOwnCycles)
        {
            Timers.StartPeriodicTimer("inventory", new Tick(TickKind.Inventory), TimeSpan.Zero, _settings.InventoryInterval);
            Timers.StartPeriodicTimer("usage", new Tick(TickKind.Usage), _settings.UsageUploadInterval, _settings.UsageUploadInterval);
        }
    }

    private void OnTick(Tick tick)
    {
        if (tick.Kind == TickKind.Inventory)
        {
            Self.Tell(new RunInventoryCycle(_clock.GetUtcNow()));
            return;
        }

        _usageMeter.Tell(new UploadUsageNow(_clock.GetUtcNow(), IncludeOpenHour: false));
    }

    private void Start(RunInventoryCycle run)
    {
        if (_cycle is { } previous)
        {
            if (!previous.UsageRecorded)
            {
                SkipDiscovery(run, previous);
                return;
            }

            if (HourStart(previous.At) == HourStart(run.At))
            {
                SkipRecordedHour(run, previous);
                return;
            }

            StopWaitingForUploads(previous, run.At);
        }

        var number = ++_cycleNumber;
        _cycle = new InventoryCycle(number, run.At, Sender);
        Timers.StartSingleTimer(nameof(CycleTimedOut), new CycleTimedOut(number), _settings.CycleTimeout);
        LocateAsync(number).PipeTo(Self);
    }

    private async Task<Located> LocateAsync(long number)
    {
        try
        {
            var machine = await _source.DescribeMachineAsync(CancellationToken.None).ConfigureAwait(false);
            var locations = await _source.LocateInstancesAsync(CancellationToken.None).ConfigureAwait(false);
            return new Located(number, machine, locations, "");
        }
        catch (Exception exception)
        {
            return new Located(number, null, [], exception.GetBaseException().Message);
        }
    }

    private void OnLocated(Located located)
    {
        if (_cycle is not { } cycle || cycle.Number != located.Cycle)
        {
            return;
        }

        if (located.Machine is null)
        {
            _log.Warning("host {0}: discovery failed ({1}); the next cycle tries again", VmId, located.Error);
            cycle.Errors.Add($"discovery failed: {located.Error}");
            RecordUsageFromLastObservation(cycle);
            Complete(cycle);
            return;
        }

        cycle.Machine = located.Machine;
        _lastObservation.ObserveMachine(located.Machine, cycle.At);
        var managed = SelectManaged(located.Machine, located.Locations, cycle.Errors);
        SyncChildren(located.Machine, managed);

        cycle.InstanceNames = managed.Select(location => location.InstanceName).ToList();
        foreach (var location in managed)
        {
            cycle.Unprobed.Add(location.InstanceName);
            cycle.Awaited.Add(location.InstanceName);
            _instances[location.InstanceName].Actor.Tell(new CollectInventory(cycle.Number, cycle.At, located.Machine.HostName));
        }

        RecordUsageWhenProbed(cycle);
        CompleteWhenDone(cycle);
    }

    // The machine goes up after its instances, so that its extension health reports this cycle's rejections.
    private void SendMachineUpload(InventoryCycle cycle)
    {
        var health = ExtensionHealth.Healthy;
        if (cycle.Rejections.Count > 0)
        {
            var first = cycle.Rejections[0];
            _log.Warning("host {0}: the cloud side rejected {1} of {2} inventory uploads in the cycle at {3}, first with {4}: {5}",
                VmId, cycle.Rejections.Count, cycle.InstanceNames.Count, cycle.At, first.Code, first.Message);
            health = ExtensionHealth.Unhealthy(first.Code, first.Message);
        }

        var machine = cycle.Machine! with { Health = health };
        var machineUpload = new UploadMachine(Guid.NewGuid(), _settings.Scope, cycle.At, machine, cycle.InstanceNames);
        cycle.MachineSent = true;
        cycle.Awaited.Add(MachineKey);
        cycle.MachineUploadId = machineUpload.UploadId;
        _channel.Tell(new UploadChannel.Send(machineUpload.UploadId, machineUpload));
    }

    private List<InstanceLocation> SelectManaged(MachineSnapshot machine, IReadOnlyList<InstanceLocation> locations, List<string> errors)
    {
        var excluded = machine.Extension.ExcludedInstances.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var managed = new List<InstanceLocation>();
        foreach (var location in locations)
        {
            if (location.UnsupportedReason.Length > 0)
            {
                _log.Warning("host {0} instance {1}: not supported: {2}", machine.HostName, location.InstanceName, location.UnsupportedReason);
                errors.Add($"instance {location.InstanceName}: not supported: {location.UnsupportedReason}");
            }
            else if (!location.IsLocalDb && !excluded.Contains(location.InstanceName))
            {
                managed.Add(location);
            }
        }

        return managed;
    }

    private void SyncChildren(MachineSnapshot machine, IReadOnlyList<InstanceLocation> managed)
    {
        var wanted = managed.ToDictionary(location => location.InstanceName, StringComparer.OrdinalIgnoreCase);
        foreach (var gone in _instances.Keys.Where(name => !wanted.ContainsKey(name)).ToList())
        {
            _log.Info("host {0} instance {1}: no longer found, stopping its actor", machine.HostName, gone);
            Context.Stop(_instances[gone].Actor);
            _instances.Remove(gone);
            _lastObservation.Forget(gone);
        }

        foreach (var (name, location) in wanted.Where(pair => !_instances.ContainsKey(pair.Key)))
        {
            var key = new InstanceKey(VmId, name);
            var actor = Context.ActorOf(InstanceActor.Props(_source, location, key, _settings, _ingress), ActorNames.Unique("instance", name));
            _instances[name] = (actor, location);
            _log.Info("host {0} instance {1}: discovered", machine.HostName, name);
        }
    }

    private void OnInstanceProbeFinished(InstanceProbeFinished probed)
    {
        if (_cycle is not { } cycle || cycle.Number != probed.Cycle)
        {
            return;
        }

        ObserveInstance(cycle, probed.InstanceName, probed.Snapshot);
        RecordUsageWhenProbed(cycle);
    }

    private void ObserveInstance(InventoryCycle cycle, string instanceName, InstanceSnapshot? snapshot)
    {
        if (!cycle.Unprobed.Remove(instanceName))
        {
            return;
        }

        _lastObservation.ObserveInstance(instanceName, snapshot);
        if (snapshot is not null)
        {
            cycle.Snapshots.Add(snapshot);
        }
    }

    private void OnInstanceDone(InstanceCycleDone done)
    {
        if (_cycle is not { } cycle || cycle.Number != done.Cycle || !cycle.Awaited.Remove(done.InstanceName))
        {
            return;
        }

        // A failed probe ends the instance's part without a probe result, so this is its observation.
        ObserveInstance(cycle, done.InstanceName, done.Snapshot);
        RecordUsageWhenProbed(cycle);
        cycle.Databases += done.Databases;

        if (done.Error.Length > 0)
        {
            cycle.Errors.Add(done.Error);
        }

        if (done.Rejection is not null)
        {
            cycle.Rejections.Add(done.Rejection);
        }

        CompleteWhenDone(cycle);
    }

    private void OnMachineUploadOutcome(UploadChannel.UploadOutcome outcome)
    {
        if (_cycle is not { } cycle || cycle.MachineUploadId != outcome.UploadId)
        {
            return;
        }

        if (!outcome.Accepted)
        {
            _log.Warning("host {0}: machine upload rejected: {1}: {2}", VmId, outcome.Code, outcome.Message);
            cycle.Errors.Add($"machine: {outcome.Code}: {outcome.Message}");
        }

        cycle.Awaited.Remove(MachineKey);
        CompleteWhenDone(cycle);
    }

    private void CompleteWhenDone(InventoryCycle cycle)
    {
        if (cycle.Awaited.Count > 0)
        {
            return;
        }

        if (!cycle.MachineSent && cycle.Machine is not null)
        {
            SendMachineUpload(cycle);
            return;
        }

        Complete(cycle);
    }

    private void OnCycleTimedOut(CycleTimedOut timeout)
    {
        if (_cycle is not { } cycle || cycle.Number != timeout.Cycle)
        {
            return;
        }

        var late = DescribeAwaited(cycle);
        cycle.Errors.AddRange(cycle.Awaited.Select(name => $"{DescribeAwaited(cycle, name)}: not finished within {_settings.CycleTimeout}"));
        if (cycle.Machine is null)
        {
            RecordUsageFromLastObservation(cycle);
        }
        else
        {
            RecordUsageWithoutUnprobed(cycle);
        }

        var usage = cycle.UsageRecorded ? "the usage record of its hour is in the outbox" : "no usage recorded because no cycle has described the machine yet";
        _log.Warning("host {0}: cycle at {1} timed out after {2} waiting for {3}, and {4}", VmId, cycle.At, _settings.CycleTimeout, late, usage);

        cycle.Awaited.Clear();
        cycle.MachineSent = true;
        CompleteWhenDone(cycle);
    }

    private void Complete(InventoryCycle cycle)
    {
        _cycle = null;
        Timers.Cancel(nameof(CycleTimedOut));
        cycle.ReplyTo.Tell(new InventoryCycleCompleted(VmId, cycle.At, cycle.Snapshots.Count, cycle.Databases, cycle.Errors));
    }

    private sealed record CycleTimedOut(long Cycle) : INoSerializationVerificationNeeded;

    private sealed record Located(long Cycle, MachineSnapshot? Machine, IReadOnlyList<InstanceLocation> Locations, string Error)
        : INoSerializationVerificationNeeded;

    private enum TickKind { Inventory, Usage }

    private sealed record Tick(TickKind Kind) : INoSerializationVerificationNeeded;
}
