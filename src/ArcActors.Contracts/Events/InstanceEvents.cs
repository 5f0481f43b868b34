using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Contracts.Events;

/// <summary>
/// The inventory of an instance changed: the instance itself (when <see cref="Instance"/> is set),
/// some databases or availability groups, or both. Persisted only when something really changed.
/// </summary>
public sealed record InstanceInventoryChanged(
    InstanceKey Key,
    string HostName,
    ResourceScope Scope,
    DateTimeOffset At,
    InstanceSnapshot? Instance,
    IReadOnlyList<DatabaseSnapshot> UpsertedDatabases,
    IReadOnlyList<string> RemovedDatabases,
    IReadOnlyList<ResourceChange> Changes) : IArcActorsMessage;
