using Akka.Actor;
using Akka.Event;
using ArcActors.Contracts.Ingress;
using ArcActors.ReadModel;

namespace ArcActors.Dps;

/// <summary>
/// Keeps the last upload times of resources (lastInventoryUploadTime, lastUsageUploadTime) in the
/// read store. They change every cycle, so they are written here in batches instead of as journal
/// events, which would grow the journal by one event per resource and hour. While the read store
/// cannot be written (a database outage), the times stay pending and every flush tries again. The first
/// failure is logged, then at most one line per <see cref="RepeatedFailureLogInterval"/>, and one line
/// when a write works again.
/// </summary>
public sealed class LastSeenRecorder : ReceiveActor, IWithTimers
{
    /// <summary>Minimum time between two log lines about the same outage of the read store.</summary>
    public static readonly TimeSpan RepeatedFailureLogInterval = TimeSpan.FromMinutes(1);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ReadStore _store;
    private readonly TimeProvider _clock;
    private readonly Dictionary<(Guid VmId, string InstanceId), (DateTimeOffset? Inventory, DateTimeOffset? Usage)> _pending = new();
    private DateTimeOffset? _failingSince;
    private DateTimeOffset _lastFailureLoggedAt;
    private long _failedWrites;
    private long _failedWritesNotLogged;

    public LastSeenRecorder(ReadStore store, TimeSpan flushInterval, TimeProvider clock)
    {
        _store = store;
        _clock = clock;

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

    /// <param name="clock">Time source of the failure log's rate limit; default <see cref="TimeProvider.System"/>.</param>
    public static Props Props(ReadStore store, TimeSpan flushInterval, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new LastSeenRecorder(store, flushInterval, clock ?? TimeProvider.System));

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
            OnWriteFailed(exception);
            return;
        }

        OnWriteSucceeded();
    }

    private void OnWriteFailed(Exception exception)
    {
        var now = _clock.GetUtcNow();
        _failedWrites++;
        if (_failingSince is null)
        {
            _failingSince = now;
            _lastFailureLoggedAt = now;
            _log.Error(exception, "could not write {0} last-upload times to the read store. Retrying at every flush, and logging at most once every {1} s until a write works",
                _pending.Count, RepeatedFailureLogInterval.TotalSeconds);
            return;
        }

        _failedWritesNotLogged++;
        if (now - _lastFailureLoggedAt < RepeatedFailureLogInterval)
        {
            return;
        }

        _log.Error(exception, "still cannot write to the read store: {0} more failed writes since the last line, {1} since {2:O}, with {3} last-upload times pending",
            _failedWritesNotLogged, _failedWrites, _failingSince.Value, _pending.Count);
        _lastFailureLoggedAt = now;
        _failedWritesNotLogged = 0;
    }

    private void OnWriteSucceeded()
    {
        if (_failingSince is not { } since)
        {
            return;
        }

        _log.Info("writing last-upload times to the read store works again after {0} failed writes since {1:O}", _failedWrites, since);
        _failingSince = null;
        _failedWrites = 0;
        _failedWritesNotLogged = 0;
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
