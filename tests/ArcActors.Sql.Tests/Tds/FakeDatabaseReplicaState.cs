namespace ArcActors.Sql.Tests.Tds;

/// <summary>One row of <c>sys.dm_hadr_database_replica_states</c>: a database on one replica.</summary>
public sealed record FakeDatabaseReplicaState(string DatabaseName, string ReplicaServerName)
{
    public string SynchronizationStateDesc { get; init; } = "SYNCHRONIZED";
    public string SynchronizationHealthDesc { get; init; } = "HEALTHY";

    /// <summary>database_state_desc, which the DMV leaves NULL for a remote database it has no state for.</summary>
    public string? DatabaseStateDesc { get; init; } = "ONLINE";

    public bool IsSuspended { get; init; }
}
