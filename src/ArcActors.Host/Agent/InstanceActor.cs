using Akka.Actor;
using Akka.Event;
using ArcActors.Contracts;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Agent;

/// <summary>
/// One SQL Server instance on the host. Each cycle it probes the instance, keeps one child per
/// database and per availability group, gathers the database snapshots and uploads what changed
/// since the last acknowledged upload together with the full list of database names.
/// </summary>
public sealed class InstanceActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IDiscoverySource _source;
    private readonly InstanceLocation _location;
    private readonly InstanceKey _key;
    private readonly HostAgentSettings _settings;
    private readonly IActorRef _channel;
    private readonly Dictionary<string, IActorRef> _databases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActorRef> _availabilityGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DatabaseSnapshot> _acknowledged = new(StringComparer.Ordinal);
    private Cycle? _current;
    private int _failures;

    public InstanceActor(IDiscoverySource source, InstanceLocation location, InstanceKey key, HostAgentSettings settings, IActorRef ingress)
    {
        _source = source;
        _location = location;
        _key = key;
        _settings = settings;
        _channel = Context.ActorOf(UploadChannel.Props(ingress, settings), "uploads");

        Receive<CollectInventory>(Collect);
        Receive<InstanceProbed>(OnInstanceProbed);
        Receive<DatabaseReported>(OnDatabaseReported);
        Receive<AvailabilityGroupObserved>(_ => { });
        Receive<UploadChannel.UploadOutcome>(OnUploadOutcome);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IDiscoverySource source, InstanceLocation location, InstanceKey key, HostAgentSettings settings, IActorRef ingress) =>
        Akka.Actor.Props.Create(() => new InstanceActor(source, location, key, settings, ingress));

    private void Collect(CollectInventory request)
    {
        // An upload of an earlier cycle that is still unacknowledged is replaced by this cycle's upload,
        // which carries every change since the last acknowledged one.
        if (_current?.UploadId is { } replaced)
        {
            _channel.Tell(new UploadChannel.Cancel(replaced));
        }

        _current = new Cycle(request, Sender);
        ProbeAsync(request.Cycle).PipeTo(Self);
    }

    // A source may throw before its task starts; catching here keeps both kinds of failure in one path.
    private async Task<InstanceProbed> ProbeAsync(long cycle)
    {
        try
        {
            return new InstanceProbed(cycle, await _source.ProbeInstanceAsync(_location, CancellationToken.None).ConfigureAwait(false), "");
        }
        catch (Exception exception)
        {
            return new InstanceProbed(cycle, null, exception.GetBaseException().Message);
        }
    }

    private void OnInstanceProbed(InstanceProbed probed)
    {
        if (_current is not { } cycle || cycle.Request.Cycle != probed.Cycle)
        {
            return;
        }

        if (probed.Snapshot is null)
        {
            RetryLater(cycle, probed.Error);
            return;
        }

        _failures = 0;
        cycle.Snapshot = probed.Snapshot;
        if (probed.Snapshot.Status != ProbeStatus.Ok)
        {
            // Keep the known databases: an instance that cannot be read has not dropped them.
            _log.Warning("instance {0}: {1} ({2})", _location.InstanceName, probed.Snapshot.Status, probed.Snapshot.StatusMessage);
            ReportProbeFinished(cycle);
            Upload(cycle, [], _acknowledged.Keys.ToList());
            return;
        }

        var snapshot = WithoutUnsupportedDatabases(probed.Snapshot, cycle);
        cycle.Snapshot = snapshot;
        ReportProbeFinished(cycle);
        SyncDatabaseChildren(snapshot.Databases);
        SyncAvailabilityGroupChildren(snapshot.AvailabilityGroups);
        foreach (var entry in snapshot.Databases)
        {
            cycle.AwaitedDatabases.Add(entry.Name);
            _databases[entry.Name].Tell(new ProbeDatabase(cycle.Request.Cycle, entry));
        }

        UploadWhenComplete(cycle);
    }

    // The cloud side rejects a whole upload that names an invalid database, so such a database is
    // left out here and reported, and its siblings are still inventoried.
    private InstanceSnapshot WithoutUnsupportedDatabases(InstanceSnapshot snapshot, Cycle cycle)
    {
        var supported = new List<DatabaseEntry>(snapshot.Databases.Count);
        foreach (var entry in snapshot.Databases)
        {
            var error = NameRules.SqlNameError("database", entry.Name);
            if (error is null)
            {
                supported.Add(entry);
                continue;
            }

            _log.Warning("instance {0}: database left out of the inventory: {1}", _location.InstanceName, error);
            cycle.SkippedDatabases.Add(error);
        }

        return supported.Count == snapshot.Databases.Count ? snapshot : snapshot with { Databases = supported };
    }

    // The supervisor records the hour's usage from this, so it goes before the upload and its acknowledgement.
    private void ReportProbeFinished(Cycle cycle)
    {
        if (cycle.Request.Cycle >= 0)
        {
            cycle.ReplyTo.Tell(new InstanceProbeFinished(cycle.Request.Cycle, _location.InstanceName, cycle.Snapshot!));
        }
    }

    private void RetryLater(Cycle cycle, string error)
    {
        _failures++;
        var delay = Backoff.Delay(_failures, _settings.MinRetryDelay, _settings.MaxRetryDelay);
        _log.Warning("instance {0}: probe failed ({1}), retrying in {2}", _location.InstanceName, error, delay);
        var retry = cycle.Request with { Cycle = -_failures };
        Timers.StartSingleTimer("retry", retry, delay);
        Finish(cycle, $"instance {_location.InstanceName}: probe failed: {error}");
    }

    private void OnDatabaseReported(DatabaseReported reported)
    {
        if (_current is not { } cycle || cycle.Request.Cycle != reported.Cycle)
        {
            return;
        }

        if (cycle.AwaitedDatabases.Remove(reported.Snapshot.Name))
        {
            cycle.Databases.Add(reported.Snapshot);
        }

        UploadWhenComplete(cycle);
    }

    private void UploadWhenComplete(Cycle cycle)
    {
        if (cycle.AwaitedDatabases.Count > 0 || cycle.UploadId is not null)
        {
            return;
        }

        var changed = cycle.Databases
            .Where(snapshot => !_acknowledged.TryGetValue(snapshot.Name, out var known) || known != snapshot)
            .OrderBy(snapshot => snapshot.Name, StringComparer.Ordinal)
            .ToList();
        var names = cycle.Snapshot!.Databases.Select(entry => entry.Name).ToList();
        Upload(cycle, changed, names);
    }

    private void Upload(Cycle cycle, IReadOnlyList<DatabaseSnapshot> changed, IReadOnlyList<string> allNames)
    {
        var upload = new UploadInventory(Guid.NewGuid(), _key, cycle.Request.HostName, _settings.Scope, cycle.Request.At,
            cycle.Snapshot!, changed, allNames);
        cycle.UploadId = upload.UploadId;
        cycle.Upload = upload;
        _channel.Tell(new UploadChannel.Send(upload.UploadId, upload));
    }

    private void OnUploadOutcome(UploadChannel.UploadOutcome outcome)
    {
        if (_current is not { } cycle || cycle.UploadId != outcome.UploadId)
        {
            return;
        }

        if (!outcome.Accepted)
        {
            // The supervisor logs rejections once per cycle for the whole host.
            _log.Debug("instance {0}: inventory upload rejected: {1}: {2}", _location.InstanceName, outcome.Code, outcome.Message);
            Finish(cycle, $"instance {_location.InstanceName}: {outcome.Code}: {outcome.Message}",
                new UploadRejected(outcome.UploadId, outcome.Code, outcome.Message));
            return;
        }

        var upload = cycle.Upload!;
        foreach (var snapshot in upload.ChangedDatabases)
        {
            _acknowledged[snapshot.Name] = snapshot;
        }

        var kept = upload.AllDatabaseNames.ToHashSet(StringComparer.Ordinal);
        foreach (var dropped in _acknowledged.Keys.Where(name => !kept.Contains(name)).ToList())
        {
            _acknowledged.Remove(dropped);
        }

        var error = cycle.Snapshot!.Status == ProbeStatus.Ok
            ? string.Join("; ", cycle.Databases.Where(db => db.ProbeError.Length > 0).Select(db => $"database {db.Name}: {db.ProbeError}")
                .Concat(cycle.SkippedDatabases))
            : $"instance {_location.InstanceName}: {cycle.Snapshot.Status}: {cycle.Snapshot.StatusMessage}";
        Finish(cycle, error);
    }

    private void Finish(Cycle cycle, string error, UploadRejected? rejection = null)
    {
        _current = null;
        if (cycle.Request.Cycle >= 0)
        {
            cycle.ReplyTo.Tell(new InstanceCycleDone(cycle.Request.Cycle, _location.InstanceName, cycle.Snapshot, cycle.Databases.Count, error, rejection));
        }
    }

    private void SyncDatabaseChildren(IReadOnlyList<DatabaseEntry> entries)
    {
        var wanted = entries.Select(entry => entry.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _databases.Keys.Where(name => !wanted.Contains(name)).ToList())
        {
            Context.Stop(_databases[gone]);
            _databases.Remove(gone);
        }

        foreach (var name in wanted.Where(name => !_databases.ContainsKey(name)))
        {
            _databases[name] = Context.ActorOf(DatabaseActor.Props(_source, _location, _settings), ActorNames.Unique("database", name));
        }
    }

    private void SyncAvailabilityGroupChildren(IReadOnlyList<AvailabilityGroupSnapshot> groups)
    {
        var wanted = groups.ToDictionary(group => group.Name, StringComparer.Ordinal);
        foreach (var gone in _availabilityGroups.Keys.Where(name => !wanted.ContainsKey(name)).ToList())
        {
            Context.Stop(_availabilityGroups[gone]);
            _availabilityGroups.Remove(gone);
        }

        foreach (var (name, group) in wanted)
        {
            if (!_availabilityGroups.TryGetValue(name, out var actor))
            {
                actor = Context.ActorOf(Akka.Actor.Props.Create<AvailabilityGroupActor>(), ActorNames.Unique("availability-group", name));
                _availabilityGroups[name] = actor;
            }

            actor.Tell(new ObserveAvailabilityGroup(group));
        }
    }

    private sealed record InstanceProbed(long Cycle, InstanceSnapshot? Snapshot, string Error) : INoSerializationVerificationNeeded;

    private sealed class Cycle(CollectInventory request, IActorRef replyTo)
    {
        public CollectInventory Request { get; } = request;
        public IActorRef ReplyTo { get; } = replyTo;
        public InstanceSnapshot? Snapshot { get; set; }
        public HashSet<string> AwaitedDatabases { get; } = new(StringComparer.Ordinal);
        public List<DatabaseSnapshot> Databases { get; } = [];
        public List<string> SkippedDatabases { get; } = [];
        public Guid? UploadId { get; set; }
        public UploadInventory? Upload { get; set; }
    }
}
