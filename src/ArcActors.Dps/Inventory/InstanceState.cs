using ArcActors.Contracts;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.ReadModel;

namespace ArcActors.Dps.Inventory;

/// <summary>
/// State the cloud side stores for one SQL Server instance. <see cref="Decide"/> turns an upload into
/// at most one event, and none when nothing changed, so idle cycles and repeated uploads write
/// nothing to the journal.
/// </summary>
public sealed class InstanceState
{
    private static readonly string[] ListProperties = [nameof(InstanceSnapshot.Databases), nameof(InstanceSnapshot.AvailabilityGroups)];

    private readonly Dictionary<string, DatabaseSnapshot> _databases = new(StringComparer.Ordinal);

    public InstanceSnapshot? Instance { get; private set; }

    /// <summary>Collection time of the newest upload applied; an older upload sent again late is ignored.</summary>
    public DateTimeOffset CollectedAt { get; private set; } = DateTimeOffset.MinValue;
    public string HostName { get; private set; } = "";
    public ResourceScope? Scope { get; private set; }
    public IReadOnlyDictionary<string, DatabaseSnapshot> Databases => _databases;

    public InstanceInventoryChanged? Decide(UploadInventory upload)
    {
        if (upload.CollectedAt < CollectedAt)
        {
            return null;
        }

        var resourceName = ResourceIds.InstanceName(upload.HostName, upload.Instance.InstanceName);
        var changes = new List<ResourceChange>();

        var instanceChanged = Instance is null
            || HostName != upload.HostName
            || !SnapshotEquality.AreEqual(Instance with { Databases = [] }, upload.Instance with { Databases = [] });
        if (instanceChanged)
        {
            var properties = PropertyDiff.Between(Instance, upload.Instance, ListProperties);
            changes.Add(new ResourceChange("sqlServerInstances", resourceName, "write", properties));
            changes.AddRange(AvailabilityGroupChanges(resourceName, upload.Instance));
        }

        var kept = upload.AllDatabaseNames.ToHashSet(StringComparer.Ordinal);
        var upserted = new List<DatabaseSnapshot>();
        foreach (var database in upload.ChangedDatabases.Where(database => kept.Contains(database.Name)))
        {
            _databases.TryGetValue(database.Name, out var known);
            if (known == database)
            {
                continue;
            }

            upserted.Add(database);
            changes.Add(new ResourceChange("sqlServerInstances/databases", $"{resourceName}/{database.Name}", "write",
                PropertyDiff.Between(known, database)));
        }

        var removed = _databases.Keys.Where(name => !kept.Contains(name)).Order(StringComparer.Ordinal).ToList();
        changes.AddRange(removed.Select(name =>
            new ResourceChange("sqlServerInstances/databases", $"{resourceName}/{name}", "delete", [])));

        return changes.Count == 0
            ? null
            : new InstanceInventoryChanged(upload.Key, upload.HostName, upload.Scope, upload.CollectedAt,
                instanceChanged ? upload.Instance : null, upserted, removed, changes);
    }

    public void Apply(InstanceInventoryChanged changed)
    {
        HostName = changed.HostName;
        Scope = changed.Scope;
        CollectedAt = changed.At;
        if (changed.Instance is not null)
        {
            Instance = changed.Instance;
        }

        foreach (var database in changed.UpsertedDatabases)
        {
            _databases[database.Name] = database;
        }

        foreach (var name in changed.RemovedDatabases)
        {
            _databases.Remove(name);
        }
    }

    private IEnumerable<ResourceChange> AvailabilityGroupChanges(string resourceName, InstanceSnapshot next)
    {
        var before = (Instance?.AvailabilityGroups ?? []).ToDictionary(group => group.Name, StringComparer.Ordinal);
        foreach (var group in next.AvailabilityGroups)
        {
            before.Remove(group.Name, out var old);
            if (old is null || !SnapshotEquality.AreEqual(old, group))
            {
                yield return new ResourceChange("sqlServerInstances/availabilityGroups", $"{resourceName}/{group.Name}", "write",
                    PropertyDiff.Between(old, group, nameof(AvailabilityGroupSnapshot.Replicas), nameof(AvailabilityGroupSnapshot.Databases)));
            }
        }

        foreach (var gone in before.Keys.Order(StringComparer.Ordinal))
        {
            yield return new ResourceChange("sqlServerInstances/availabilityGroups", $"{resourceName}/{gone}", "delete", []);
        }
    }
}
