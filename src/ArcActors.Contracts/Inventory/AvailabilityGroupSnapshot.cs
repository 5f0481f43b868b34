namespace ArcActors.Contracts.Inventory;

/// <summary>An availability group as reported by one of its replicas.</summary>
public sealed record AvailabilityGroupSnapshot
{
    public required Guid AvailabilityGroupId { get; init; }
    public required string Name { get; init; }

    /// <summary>Role of the local replica: PRIMARY or SECONDARY.</summary>
    public required string LocalRole { get; init; }

    /// <summary>Whether the local secondary accepts read connections.</summary>
    public bool LocalReadable { get; init; }

    public string PrimaryReplica { get; init; } = "";
    public bool IsDistributed { get; init; }
    public IReadOnlyList<AvailabilityReplicaSnapshot> Replicas { get; init; } = [];
    public IReadOnlyList<AvailabilityDatabaseSnapshot> Databases { get; init; } = [];
}

public sealed record AvailabilityReplicaSnapshot(
    string ReplicaName,
    string Role,
    string AvailabilityMode,
    string FailoverMode,
    string SecondaryRoleAllowConnections,
    string SynchronizationHealth,
    string ConnectedState);

public sealed record AvailabilityDatabaseSnapshot(
    string DatabaseName,
    string ReplicaName,
    bool IsLocal,
    bool IsPrimaryReplica,
    string SynchronizationState,
    string SynchronizationHealth,
    string DatabaseState,
    bool IsSuspended);
