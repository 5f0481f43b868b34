namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// One replica of a <see cref="FakeAvailabilityGroup"/> with the raw values of
/// <c>sys.availability_replicas</c> and <c>sys.dm_hadr_availability_replica_states</c>.
/// </summary>
public sealed record FakeAvailabilityReplica(string ServerName, string RoleDesc)
{
    public Guid ReplicaId { get; init; } = Guid.NewGuid();
    public string AvailabilityModeDesc { get; init; } = "SYNCHRONOUS_COMMIT";
    public string FailoverModeDesc { get; init; } = "AUTOMATIC";
    public string SecondaryRoleAllowConnectionsDesc { get; init; } = "NO";
    public string SynchronizationHealthDesc { get; init; } = "HEALTHY";
    public string ConnectedStateDesc { get; init; } = "CONNECTED";

    public bool IsPrimary => RoleDesc == "PRIMARY";
}
