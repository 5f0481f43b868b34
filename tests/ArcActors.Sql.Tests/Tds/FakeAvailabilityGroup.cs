namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// One availability group as the whole cluster sees it. <see cref="FakeSqlServer"/> derives what
/// the local instance returns from it: the replica named <see cref="LocalReplica"/> (by default the
/// replica whose name equals the server name) is local, and a secondary sees only its own rows in
/// the replica and database state DMVs.
/// </summary>
public sealed record FakeAvailabilityGroup(Guid GroupId, string Name)
{
    /// <summary>A distributed availability group, whose replicas are the member availability groups.</summary>
    public bool IsDistributed { get; init; }

    /// <summary>Name of the local replica; null picks the replica named like the server.</summary>
    public string? LocalReplica { get; init; }

    /// <summary>
    /// Whether <c>sys.dm_hadr_availability_group_states.primary_replica</c> names the primary when
    /// the local replica is a secondary. The documentation allows NULL there ("not the primary
    /// replica or unable to communicate with the WSFC failover cluster").
    /// </summary>
    public bool PrimaryReplicaVisibleOnSecondary { get; init; } = true;

    public IReadOnlyList<FakeAvailabilityReplica> Replicas { get; init; } = [];

    /// <summary>State of each availability database on each replica.</summary>
    public IReadOnlyList<FakeDatabaseReplicaState> DatabaseStates { get; init; } = [];
}
