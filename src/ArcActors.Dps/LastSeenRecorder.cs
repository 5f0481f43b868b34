using Akka.Actor;
using Akka.Event;
using ArcActors.Contracts.Ingress;
using ArcActors.ReadModel;

namespace ArcActors.Dps;

/// <summary>
/// Keeps the last upload times of resources (lastInventoryUploadTime, lastUsageUploadTime) in the
/// read store. They change every cycle, so they are written here in batches instead of as journal
/// events, which would grow the journal by one event per resource and hour.
/// </summary>
public sealed class LastSeenRecorder : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ReadStore _store;
    private readonly Dictionary<(Guid VmId, string InstanceId), (DateTimeOffset? Inventory, DateTimeOffset? Usage)> _pending = new();

    public LastSeenRecorder(ReadStore store, TimeSpan flushInterval)
    {
        _store = store;

        Receive<InventorySeen>(seen =>
        {
            var instanceId = ResourceIds.Instance(seen.Scope, seen.HostName, seen.InstanceName);
            var key = (seen.VmId, instanceId);
            _pending.TryGetValue(key, out var times);
            _pending[key] = (Later(times.Inventory, seen.At), times.Usage);
        });
        Receive<UsageSeen>(seen =>
        {
            var key = (seen.VmId, "");
            _pending.TryGetValue(key, out var times);
            _pending[key] = (times.Inventory, Later(times.Usage, seen.HourStart));
        });
        Receive<Flush>(_ =>
        {
            Write();
            Sender.Tell(Flushed.Instance);
        });
        Receive<FlushTick>(_ => Write());

        Timers.StartPeriodicTimer(nameof(FlushTick), FlushTick.Instance, flushInterval);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ReadStore store, TimeSpan flushInterval) =>
        Akka.Actor.Props.Create(() => new LastSeenRecorder(store, flushInterval));

    private static DateTimeOffset? Later(DateTimeOffset? known, DateTimeOffset seen) =>
        known is { } value && value > seen ? value : seen;

    private void Write()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var ((vmId, instanceId), times) in _pending)
            {
                _store.RecordLastSeen(vmId, instanceId, times.Inventory, times.Usage);
            }

            _pending.Clear();
        }
        catch (Exception exception)
        {
            _log.Error(exception, "could not write {0} last-upload times to the read store; retrying at the next flush", _pending.Count);
        }
    }

    public sealed record InventorySeen(ResourceScope Scope, string HostName, string InstanceName, Guid VmId, DateTimeOffset At)
        : INoSerializationVerificationNeeded;

    public sealed record UsageSeen(ResourceScope Scope, Guid VmId, DateTimeOffset HourStart) : INoSerializationVerificationNeeded;

    /// <summary>Writes what is pending now; the sender gets <see cref="Flushed"/>.</summary>
    public sealed record Flush : INoSerializationVerificationNeeded
    {
        public static readonly Flush Instance = new();
    }

    public sealed record Flushed : INoSerializationVerificationNeeded
    {
        public static readonly Flushed Instance = new();
    }

    private sealed record FlushTick : INoSerializationVerificationNeeded
    {
        public static readonly FlushTick Instance = new();
    }
}
