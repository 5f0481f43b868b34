using ArcActors.Contracts.Inventory;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Discovery;

/// <summary>Reads the availability groups, replicas and availability databases an instance takes part in.</summary>
internal static class AvailabilityGroupProbe
{
    private const int SqlServer2016Major = 13;

    public static async Task<IReadOnlyList<AvailabilityGroupSnapshot>> ReadAsync(SqlQueryRunner runner, string productVersion, CancellationToken cancellationToken)
    {
        var groupQuery = SqlServerVersions.MajorOf(productVersion) >= SqlServer2016Major
            ? DiscoveryQueries.AvailabilityGroups
            : DiscoveryQueries.AvailabilityGroupsBefore2016;

        var groups = await runner.QueryAsync(groupQuery, ReadGroup, cancellationToken).ConfigureAwait(false);
        var replicas = await runner.QueryAsync(DiscoveryQueries.AvailabilityReplicas, ReadReplica, cancellationToken).ConfigureAwait(false);
        var databases = await runner.QueryAsync(DiscoveryQueries.AvailabilityDatabases, ReadDatabase, cancellationToken).ConfigureAwait(false);

        return groups
            .Select(group => group with
            {
                Replicas = replicas
                    .Where(row => row.GroupId == group.AvailabilityGroupId)
                    .Select(row => row.Replica with { Role = RoleOf(row.Replica, group.PrimaryReplica) })
                    .ToList(),
                Databases = databases
                    .Where(row => row.GroupId == group.AvailabilityGroupId)
                    .Select(row => row.Database)
                    .ToList(),
            })
            .ToList();
    }

    /// <summary>
    /// A secondary has no state rows for the other replicas, so their role reads empty. The group
    /// state still names the primary, so every other replica of the group is a secondary.
    /// </summary>
    private static string RoleOf(AvailabilityReplicaSnapshot replica, string primaryReplica)
    {
        if (replica.Role.Length > 0)
        {
            return replica.Role;
        }

        if (primaryReplica.Length == 0)
        {
            return "";
        }

        return string.Equals(replica.ReplicaName, primaryReplica, StringComparison.OrdinalIgnoreCase) ? "PRIMARY" : "SECONDARY";
    }

    private static AvailabilityGroupSnapshot ReadGroup(SqlDataReader reader)
    {
        var allowConnections = reader.Text("local_secondary_role_allow_connections_desc");
        return new AvailabilityGroupSnapshot
        {
            AvailabilityGroupId = reader.Id("group_id"),
            Name = reader.Text("name"),
            PrimaryReplica = reader.Text("primary_replica"),
            IsDistributed = reader.Flag("is_distributed"),
            LocalRole = reader.Text("local_role_desc"),
            // The configured access of the local replica in the secondary role: READ_ONLY or ALL is readable.
            LocalReadable = allowConnections is "READ_ONLY" or "ALL",
        };
    }

    private static (Guid GroupId, AvailabilityReplicaSnapshot Replica) ReadReplica(SqlDataReader reader) =>
        (reader.Id("group_id"), new AvailabilityReplicaSnapshot(
            reader.Text("replica_server_name"),
            reader.Text("role_desc"),
            reader.Text("availability_mode_desc"),
            reader.Text("failover_mode_desc"),
            reader.Text("secondary_role_allow_connections_desc"),
            reader.Text("synchronization_health_desc"),
            reader.Text("connected_state_desc")));

    private static (Guid GroupId, AvailabilityDatabaseSnapshot Database) ReadDatabase(SqlDataReader reader) =>
        (reader.Id("group_id"), new AvailabilityDatabaseSnapshot(
            reader.Text("database_name"),
            reader.Text("replica_server_name"),
            reader.Flag("is_local"),
            reader.Flag("is_primary_replica"),
            reader.Text("synchronization_state_desc"),
            reader.Text("synchronization_health_desc"),
            reader.Text("database_state_desc"),
            reader.Flag("is_suspended")));
}
