namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// Result sets of the availability group queries, computed from <see cref="FakeAvailabilityGroup"/>
/// as SQL Server joins the catalog views and DMVs. Column types follow the Microsoft documentation
/// pages of the views (learn.microsoft.com, "sys.availability_groups", "sys.availability_replicas",
/// "sys.dm_hadr_availability_group_states", "sys.dm_hadr_availability_replica_states",
/// "sys.dm_hadr_database_replica_states"): ids are uniqueidentifier, <c>name</c> is sysname
/// (nvarchar(128)), <c>replica_server_name</c> is nvarchar(256), every <c>*_desc</c> is
/// nvarchar(60), flags are bit, and <c>primary_replica</c> is varchar(128). ISNULL keeps the type
/// of its first argument, so <c>ISNULL(ags.primary_replica, N'')</c> stays varchar(128).
/// </summary>
internal static class FakeAvailabilityResultSets
{
    private static readonly StringComparer SqlNames = StringComparer.OrdinalIgnoreCase;

    private static readonly TdsColumn[] GroupColumns =
    [
        TdsColumn.Of("group_id", TdsType.UniqueIdentifier),
        TdsColumn.NVarChar("name"),
        TdsColumn.VarChar("primary_replica", 128),
        TdsColumn.Of("is_distributed", TdsType.Bit),
        TdsColumn.NVarChar("local_role_desc", 60),
        TdsColumn.NVarChar("local_secondary_role_allow_connections_desc", 60),
    ];

    private static readonly TdsColumn[] ReplicaColumns =
    [
        TdsColumn.Of("group_id", TdsType.UniqueIdentifier),
        TdsColumn.NVarChar("replica_server_name", 256),
        TdsColumn.NVarChar("role_desc", 60),
        TdsColumn.NVarChar("availability_mode_desc", 60),
        TdsColumn.NVarChar("failover_mode_desc", 60),
        TdsColumn.NVarChar("secondary_role_allow_connections_desc", 60),
        TdsColumn.NVarChar("synchronization_health_desc", 60),
        TdsColumn.NVarChar("connected_state_desc", 60),
    ];

    private static readonly TdsColumn[] DatabaseColumns =
    [
        TdsColumn.Of("group_id", TdsType.UniqueIdentifier),
        TdsColumn.NVarChar("database_name"),
        TdsColumn.NVarChar("replica_server_name", 256),
        TdsColumn.Of("is_local", TdsType.Bit),
        TdsColumn.Of("is_primary_replica", TdsType.Bit),
        TdsColumn.NVarChar("synchronization_state_desc", 60),
        TdsColumn.NVarChar("synchronization_health_desc", 60),
        TdsColumn.NVarChar("database_state_desc", 60),
        TdsColumn.Of("is_suspended", TdsType.Bit),
    ];

    /// <summary>
    /// Answers the group query. <paramref name="readsIsDistributed"/> is false for the SQL Server 2012
    /// and 2014 text, which sends a constant 0 instead of the column.
    /// </summary>
    public static TdsReply Groups(IReadOnlyList<FakeAvailabilityGroup> groups, string serverName, bool readsIsDistributed)
    {
        var rows = groups
            .OrderBy(group => group.Name, SqlNames)
            .Select(group =>
            {
                var local = LocalReplicaOf(group, serverName);
                return new object?[]
                {
                    group.GroupId,
                    group.Name,
                    PrimaryReplicaSeenBy(group, local) ?? "",
                    readsIsDistributed && group.IsDistributed,
                    local?.RoleDesc ?? "",
                    local?.SecondaryRoleAllowConnectionsDesc ?? "",
                };
            })
            .ToList();
        return TdsReply.Results(new TdsResultSet(GroupColumns, rows));
    }

    /// <summary>
    /// Answers the replica query: every replica from the catalog view, joined to the state rows the
    /// local instance has. A primary has a state row for each replica, but the role of a
    /// disconnected remote replica is NULL ("role of a local or connected remote replica"). A
    /// secondary has a state row for itself only.
    /// </summary>
    public static TdsReply Replicas(IReadOnlyList<FakeAvailabilityGroup> groups, string serverName)
    {
        var rows = new List<object?[]>();
        foreach (var group in groups.OrderBy(group => group.GroupId))
        {
            var local = LocalReplicaOf(group, serverName);
            foreach (var replica in group.Replicas.OrderBy(replica => replica.ServerName, SqlNames))
            {
                var isLocal = ReferenceEquals(replica, local);
                var hasState = isLocal || local?.IsPrimary == true;
                var roleKnown = isLocal || (hasState && replica.ConnectedStateDesc == "CONNECTED");
                rows.Add(
                [
                    group.GroupId,
                    replica.ServerName,
                    roleKnown ? replica.RoleDesc : "",
                    replica.AvailabilityModeDesc,
                    replica.FailoverModeDesc,
                    replica.SecondaryRoleAllowConnectionsDesc,
                    hasState ? replica.SynchronizationHealthDesc : "",
                    hasState ? replica.ConnectedStateDesc : "",
                ]);
            }
        }

        return TdsReply.Results(new TdsResultSet(ReplicaColumns, rows));
    }

    /// <summary>
    /// Answers the database query. A primary returns a row for each database on each replica, a
    /// secondary only the rows of its own databases. <c>is_primary_replica</c> compares the replica
    /// name with the primary_replica that the local instance sees, as the query does.
    /// </summary>
    public static TdsReply Databases(IReadOnlyList<FakeAvailabilityGroup> groups, string serverName)
    {
        var rows = new List<object?[]>();
        foreach (var group in groups.OrderBy(group => group.GroupId))
        {
            var local = LocalReplicaOf(group, serverName);
            if (local is null)
            {
                continue;
            }

            var primaryReplica = PrimaryReplicaSeenBy(group, local);
            var visible = group.DatabaseStates
                .Where(state => local.IsPrimary || SqlNames.Equals(state.ReplicaServerName, local.ServerName))
                .OrderBy(state => state.DatabaseName, SqlNames)
                .ThenBy(state => state.ReplicaServerName, SqlNames);
            foreach (var state in visible)
            {
                rows.Add(
                [
                    group.GroupId,
                    state.DatabaseName,
                    state.ReplicaServerName,
                    SqlNames.Equals(state.ReplicaServerName, local.ServerName),
                    primaryReplica is not null && SqlNames.Equals(state.ReplicaServerName, primaryReplica),
                    state.SynchronizationStateDesc,
                    state.SynchronizationHealthDesc,
                    state.DatabaseStateDesc ?? "",
                    state.IsSuspended,
                ]);
            }
        }

        return TdsReply.Results(new TdsResultSet(DatabaseColumns, rows));
    }

    private static FakeAvailabilityReplica? LocalReplicaOf(FakeAvailabilityGroup group, string serverName)
    {
        var localName = group.LocalReplica ?? serverName;
        return group.Replicas.FirstOrDefault(replica => SqlNames.Equals(replica.ServerName, localName));
    }

    /// <summary>Returns primary_replica of sys.dm_hadr_availability_group_states as the local replica sees it, or null for NULL.</summary>
    private static string? PrimaryReplicaSeenBy(FakeAvailabilityGroup group, FakeAvailabilityReplica? local)
    {
        if (local is null || (!local.IsPrimary && !group.PrimaryReplicaVisibleOnSecondary))
        {
            return null;
        }

        return group.Replicas.FirstOrDefault(replica => replica.IsPrimary)?.ServerName;
    }
}
