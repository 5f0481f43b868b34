using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Errors;
using ArcActors.Sql.Mapping;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Discovery;

/// <summary>Reads one instance: server properties, configuration, database list and availability groups.</summary>
internal static class InstanceProbe
{
    public static async Task<InstanceSnapshot> ReadAsync(SqlQueryRunner runner, string instanceName, CancellationToken cancellationToken)
    {
        var server = await runner.QuerySingleAsync(DiscoveryQueries.ServerProperties, ServerProperties.Read, cancellationToken).ConfigureAwait(false);

        if (!SqlEditionMapping.TryToArmEdition(server.Edition, out var edition))
        {
            return new InstanceSnapshot
            {
                InstanceName = instanceName,
                Edition = "",
                CurrentVersion = server.ProductVersion,
                Status = ProbeStatus.Failed,
                StatusMessage = $"instance {instanceName} reports edition '{server.Edition}' (engine edition {server.EngineEdition}), which is not a SQL Server edition ArcActors manages",
            };
        }

        var cpuCount = await runner.QuerySingleAsync(DiscoveryQueries.CpuCount, r => r.Int("cpu_count"), cancellationToken).ConfigureAwait(false);
        var maxServerMemory = await runner.QuerySingleAsync(DiscoveryQueries.MaxServerMemory, r => r.Long("max_server_memory_mb"), cancellationToken).ConfigureAwait(false);
        var tempdbDataFiles = await runner.QuerySingleAsync(DiscoveryQueries.TempdbDataFileCount, r => r.Int("data_files"), cancellationToken).ConfigureAwait(false);
        var userConnections = await runner.QuerySingleAsync(DiscoveryQueries.UserConnectionCount, r => r.Int("user_connections"), cancellationToken).ConfigureAwait(false);
        var databases = await runner.QueryAsync(DiscoveryQueries.DatabaseList, ReadDatabaseEntry, cancellationToken).ConfigureAwait(false);

        var (availabilityGroups, availabilityGroupError) = server.IsHadrEnabled
            ? await ReadAvailabilityGroupsAsync(runner, instanceName, server.ProductVersion, cancellationToken).ConfigureAwait(false)
            : ([], "");

        return new InstanceSnapshot
        {
            InstanceName = instanceName,
            Edition = edition,
            CurrentVersion = server.ProductVersion,
            PatchLevel = server.PatchLevel,
            Collation = server.Collation,
            VCore = cpuCount,
            IsClustered = server.IsClustered,
            IsHadrEnabled = server.IsHadrEnabled,
            AlwaysOnRole = AlwaysOnRoleOf(server.IsClustered, availabilityGroups.Count),
            DefaultBackupPath = server.InstanceDefaultBackupPath,
            MaxServerMemoryMB = maxServerMemory,
            TempdbDataFiles = tempdbDataFiles,
            UserConnections = userConnections,
            Databases = databases,
            AvailabilityGroups = availabilityGroups,
            StatusMessage = availabilityGroupError,
            // TODO: TCP ports come from the instance's network configuration (registry or mssql.conf),
            // and failover cluster nodes from sys.dm_os_cluster_nodes; neither is read yet.
        };
    }

    /// <summary>
    /// Reads the availability groups. A permission error on their views (SELECT denied on a DMV)
    /// leaves the rest of the snapshot valid, so it returns no groups and a message for
    /// <see cref="InstanceSnapshot.StatusMessage"/> instead of failing the instance.
    /// </summary>
    private static async Task<(IReadOnlyList<AvailabilityGroupSnapshot> Groups, string Error)> ReadAvailabilityGroupsAsync(
        SqlQueryRunner runner, string instanceName, string productVersion, CancellationToken cancellationToken)
    {
        try
        {
            return (await AvailabilityGroupProbe.ReadAsync(runner, productVersion, cancellationToken).ConfigureAwait(false), "");
        }
        catch (SqlException exception) when (SqlExceptionClassifier.StatusOf(exception) == ProbeStatus.PermissionDenied)
        {
            var message = SqlExceptionClassifier.MessageFor(exception, $"availability groups of instance {instanceName} not read");
            return ([], message + " Grant VIEW SERVER STATE and SELECT on the availability group views to the discovery login.");
        }
    }

    private static DatabaseEntry ReadDatabaseEntry(Microsoft.Data.SqlClient.SqlDataReader reader) =>
        new(reader.Text("name"), DatabaseStateMapping.ToArmStateOrRaw(reader.Text("state_desc")));

    private static string AlwaysOnRoleOf(bool isClustered, int availabilityGroupCount)
    {
        if (isClustered)
        {
            return "FailoverClusterInstance";
        }

        return availabilityGroupCount > 0 ? "AvailabilityGroupReplica" : "None";
    }
}
