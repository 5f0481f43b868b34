using System.Collections.Immutable;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Simulation;

/// <summary>
/// The simulated fleet as it is at the virtual clock's current time: a <see cref="Fleet"/> with its
/// timeline applied up to <see cref="AppliedUntil"/>.
/// </summary>
/// <remarks>
/// Threading contract: any number of threads may read at any time, because each read method reads
/// one immutable snapshot that <see cref="ApplyUntil"/> replaces atomically. One driver applies
/// events, between discovery cycles. Concurrent <see cref="ApplyUntil"/> calls are serialized.
/// A reader that needs several facts from the same version should take them from one returned
/// object (for example one <see cref="FleetHost"/>), since two calls may straddle an update.
/// </remarks>
public sealed class FleetState
{
    private readonly IReadOnlyList<FleetTimelineEvent> _orderedEvents;
    private readonly object _applyLock = new();
    private volatile FleetSnapshot _snapshot;

    public FleetState(Fleet fleet)
    {
        Fleet = fleet;
        _orderedEvents = fleet.Timeline.OrderBy(fleetEvent => fleetEvent.At).ToList();
        EventTimes = _orderedEvents.Select(fleetEvent => fleetEvent.At).Distinct().ToList();
        _snapshot = new FleetSnapshot
        {
            Hosts = fleet.Hosts.Select(ResolveHost).ToImmutableList(),
            Licenses = fleet.Licenses.ToImmutableList(),
            Providers = MergeProviders(fleet.Providers),
            AppliedUntil = fleet.Start,
        };
    }

    /// <summary>The fleet as loaded, before any timeline event.</summary>
    public Fleet Fleet { get; }

    /// <summary>The latest time passed to <see cref="ApplyUntil"/>, or the fleet's start.</summary>
    public DateTimeOffset AppliedUntil => _snapshot.AppliedUntil;

    /// <summary>The hosts as they are now, renames and installs included.</summary>
    public IReadOnlyList<FleetHost> Hosts => _snapshot.Hosts;

    public IReadOnlyList<FleetLicense> Licenses => _snapshot.Licenses;

    /// <summary>Current registration of each resource provider.</summary>
    public IReadOnlyDictionary<string, bool> Providers => _snapshot.Providers;

    /// <summary>The distinct times of the timeline's events, ascending.</summary>
    public IReadOnlyList<DateTimeOffset> EventTimes { get; }

    /// <summary>
    /// Applies every timeline event with a time at or before <paramref name="time"/> that is not yet
    /// applied, in time order (file order for equal times), and returns them. A time before
    /// <see cref="AppliedUntil"/> applies nothing: the state never goes back.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// An event names a host, instance, database, availability group or license that does not
    /// exist at its time. The events before it stay applied. It and the later ones do not.
    /// </exception>
    public IReadOnlyList<FleetTimelineEvent> ApplyUntil(DateTimeOffset time)
    {
        lock (_applyLock)
        {
            var snapshot = _snapshot;
            var applied = new List<FleetTimelineEvent>();
            try
            {
                while (snapshot.AppliedCount < _orderedEvents.Count && _orderedEvents[snapshot.AppliedCount].At <= time)
                {
                    var next = _orderedEvents[snapshot.AppliedCount];
                    snapshot = TimelineApplier.Apply(snapshot, next) with { AppliedCount = snapshot.AppliedCount + 1 };
                    applied.Add(next);
                }

                if (time > snapshot.AppliedUntil)
                {
                    snapshot = snapshot with { AppliedUntil = time };
                }
            }
            finally
            {
                _snapshot = snapshot;
            }

            return applied;
        }
    }

    public FleetHost? FindHost(Guid vmId) => _snapshot.FindHost(vmId);

    /// <summary>Returns the host with this current name (host names ignore case), or null.</summary>
    public FleetHost? FindHost(string hostName) => _snapshot.FindHost(hostName);

    /// <summary>Returns whether a disconnect event has cut the host off from the cluster at <paramref name="time"/>.</summary>
    /// <remarks>Only disconnect events already applied by <see cref="ApplyUntil"/> count.</remarks>
    public bool IsDisconnected(Guid vmId, DateTimeOffset time) =>
        _snapshot.Disconnections.Any(window => window.VmId == vmId && window.From <= time && time < window.Until);

    /// <summary>Returns whether the host with this current name is disconnected at <paramref name="time"/>, and false for an unknown name.</summary>
    public bool IsDisconnected(string hostName, DateTimeOffset time)
    {
        var host = FindHost(hostName);
        return host is not null && IsDisconnected(host.VmId, time);
    }

    /// <summary>Returns whether a resource provider is registered at <paramref name="time"/>, from the fleet's providers and the provider events applied so far.</summary>
    public bool IsProviderRegistered(string providerName, DateTimeOffset time)
    {
        var snapshot = _snapshot;
        var last = snapshot.ProviderHistory.LastOrDefault(change =>
            change.At <= time && string.Equals(change.Name, providerName, StringComparison.OrdinalIgnoreCase));
        if (last is not null)
        {
            return last.Registered;
        }

        return !Fleet.Providers.TryGetValue(providerName, out var registered) || registered;
    }

    /// <summary>Returns when a database was created: the time of the addDatabase event that created it, else the fleet's start.</summary>
    public DateTimeOffset DatabaseCreatedAt(Guid vmId, string instanceName, string databaseName)
    {
        var key = FleetSnapshot.DatabaseKey(vmId, instanceName, databaseName);
        return _snapshot.DatabaseCreated.TryGetValue(key, out var created) ? created : Fleet.Start;
    }

    /// <summary>
    /// Records a backup that finished at <paramref name="finishedAt"/> as the database's last full or last log
    /// backup, so the next inventory shows it, and returns false when the host, instance or database does not
    /// exist now. A time older than the one recorded leaves it. Serialized with <see cref="ApplyUntil"/>.
    /// </summary>
    public bool RecordBackup(Guid vmId, string instanceName, string databaseName, bool isLogBackup, DateTimeOffset finishedAt)
    {
        lock (_applyLock)
        {
            var snapshot = _snapshot;
            var host = snapshot.FindHost(vmId);
            var instance = host?.FindInstance(instanceName);
            var database = instance?.FindDatabase(databaseName);
            if (host is null || instance is null || database is null)
            {
                return false;
            }

            var updated = isLogBackup
                ? database with { LastLogBackup = Later(database.LastLogBackup, finishedAt) }
                : database with { LastFullBackup = Later(database.LastFullBackup, finishedAt) };
            var databases = instance.Databases.Select(item => ReferenceEquals(item, database) ? updated : item).ToList();
            var instances = host.Instances.Select(item => ReferenceEquals(item, instance) ? instance with { Databases = databases } : item).ToList();
            _snapshot = snapshot with { Hosts = snapshot.Hosts.Replace(host, host with { Instances = instances }, ReferenceEqualityComparer.Instance) };
            return true;
        }
    }

    /// <summary>
    /// Puts extension settings in force on a host, as the host's deployer does after an update, so the
    /// next inventory reports them. Returns false when no host has that vmId.
    /// </summary>
    public bool SetExtension(Guid vmId, FleetExtension extension)
    {
        lock (_applyLock)
        {
            var snapshot = _snapshot;
            var host = snapshot.FindHost(vmId);
            if (host is null)
            {
                return false;
            }

            _snapshot = snapshot with { Hosts = snapshot.Hosts.Replace(host, host with { Extension = extension }, ReferenceEqualityComparer.Instance) };
            return true;
        }
    }

    internal FleetSnapshot Snapshot => _snapshot;

    private static DateTimeOffset Later(DateTimeOffset? recorded, DateTimeOffset candidate) =>
        recorded is { } current && current > candidate ? current : candidate;

    private static FleetHost ResolveHost(FleetHost host) =>
        host with { Instances = host.Instances.Select(TimelineApplier.ResolveCompatibilityLevels).ToList() };

    private static ImmutableDictionary<string, bool> MergeProviders(IReadOnlyDictionary<string, bool> providers)
    {
        var merged = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, FleetValues.DefaultProviders());
        foreach (var (name, registered) in providers)
        {
            merged = merged.SetItem(name, registered);
        }

        return merged;
    }
}
