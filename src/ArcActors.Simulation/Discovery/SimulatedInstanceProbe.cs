using ArcActors.Contracts.Inventory;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Simulation;

/// <summary>Builds the snapshots a real probe of SQL Server would return from the fleet's description of an instance.</summary>
internal static class SimulatedInstanceProbe
{
    public static InstanceSnapshot Read(FleetSnapshot snapshot, FleetHost host, FleetInstance instance)
    {
        var groups = instance.AvailabilityGroups.Select(group => AvailabilityGroups.Read(snapshot, host, instance, group)).ToList();

        return new InstanceSnapshot
        {
            InstanceName = instance.Name,
            Edition = instance.Edition,
            CurrentVersion = instance.Version,
            Collation = instance.Collation,
            TcpStaticPorts = instance.TcpStaticPorts,
            TcpDynamicPorts = instance.TcpDynamicPorts,
            VCore = host.LogicalProcessors,
            State = instance.State == FleetValues.Stopped ? InstanceRunState.Stopped : InstanceRunState.Running,
            IsClustered = instance.FailoverCluster is not null,
            IsHadrEnabled = groups.Count > 0,
            AlwaysOnRole = AlwaysOnRole(instance),
            FailoverCluster = ToClusterInfo(instance.FailoverCluster),
            DefaultBackupPath = DefaultBackupPath(host, instance),
            MaxServerMemoryMB = instance.MaxServerMemoryMB,
            TempdbDataFiles = instance.TempdbDataFiles,
            UserConnections = instance.UserConnections,
            Databases = instance.Databases.Select(database => new DatabaseEntry(database.Name, database.State)).ToList(),
            AvailabilityGroups = groups,
        };
    }

    public static DatabaseSnapshot ReadDatabase(FleetInstance instance, FleetDatabase database, DateTimeOffset created) => new()
    {
        Name = database.Name,
        CollationName = instance.Collation,
        DatabaseCreationDate = created,
        CompatibilityLevel = database.CompatibilityLevel,
        State = database.State,
        IsReadOnly = database.IsReadOnly,
        RecoveryMode = database.RecoveryMode,
        SizeMB = database.SizeMB,

        // NOTE: fleet files give no free space, so the simulation reports a fixed quarter of the size.
        SpaceAvailableMB = Math.Round(database.SizeMB / 4, 2),
        Options = new DatabaseOptions
        {
            IsAutoCloseOn = database.Options.AutoClose,
            IsAutoShrinkOn = database.Options.AutoShrink,
            IsAutoCreateStatsOn = database.Options.AutoCreateStats,
            IsAutoUpdateStatsOn = database.Options.AutoUpdateStats,
            IsEncrypted = database.Options.Encrypted,
            IsTrustworthyOn = database.Options.Trustworthy,
            PageVerify = database.Options.PageVerify,
        },
        LastFullBackup = database.LastFullBackup,
        LastLogBackup = database.LastLogBackup,
        LastGoodCheckDb = database.LastGoodCheckDb,
    };

    /// <summary>Returns the server name SQL Server reports: HOST for the default instance, HOST\INSTANCE for a named one.</summary>
    public static string ServerName(string hostName, string instanceName) =>
        FleetValues.SameInstanceName(instanceName, FleetValues.DefaultInstanceName) ? hostName : $"{hostName}\\{instanceName}";

    private static string AlwaysOnRole(FleetInstance instance)
    {
        if (instance.FailoverCluster is not null)
        {
            return "FailoverClusterInstance";
        }

        return instance.AvailabilityGroups.Count > 0 ? "AvailabilityGroupReplica" : "None";
    }

    private static FailoverClusterInfo? ToClusterInfo(FleetFailoverCluster? cluster) =>
        cluster is null ? null : new FailoverClusterInfo(cluster.NetworkName, cluster.Nodes, cluster.ActiveNode);

    private static string DefaultBackupPath(FleetHost host, FleetInstance instance)
    {
        if (host.Os == FleetValues.Linux)
        {
            return "/var/opt/mssql/data";
        }

        var major = SqlServerVersions.MajorOf(instance.Version);
        return $@"C:\Program Files\Microsoft SQL Server\MSSQL{major}.{instance.Name}\MSSQL\Backup";
    }
}
