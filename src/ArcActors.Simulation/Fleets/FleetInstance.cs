namespace ArcActors.Simulation.Fleets;

/// <summary>A SQL Server instance installed on a fleet host.</summary>
public sealed record FleetInstance
{
    /// <summary>Instance name. MSSQLSERVER is the default instance.</summary>
    public required string Name { get; init; }

    /// <summary>Enterprise, Standard, Web, Express, Developer or Evaluation.</summary>
    public required string Edition { get; init; }

    /// <summary>Product version such as 16.0.4135.4.</summary>
    public required string Version { get; init; }

    public string Collation { get; init; } = "SQL_Latin1_General_CP1_CI_AS";
    public string TcpStaticPorts { get; init; } = "";
    public string TcpDynamicPorts { get; init; } = "";

    /// <summary>Running or Stopped.</summary>
    public string State { get; init; } = FleetValues.Running;

    /// <summary>True for a LocalDB instance, which has no service.</summary>
    public bool LocalDb { get; init; }

    public FleetFailoverCluster? FailoverCluster { get; init; }

    /// <summary>User connections outside master, msdb, tempdb and model.</summary>
    public int UserConnections { get; init; }

    public long MaxServerMemoryMB { get; init; } = 2147483647;
    public int TempdbDataFiles { get; init; } = 1;
    public IReadOnlyList<FleetDatabase> Databases { get; init; } = [];
    public IReadOnlyList<FleetAvailabilityGroup> AvailabilityGroups { get; init; } = [];

    /// <summary>Returns the database with this name, compared as the instance collation compares names, or null.</summary>
    public FleetDatabase? FindDatabase(string databaseName) =>
        Databases.FirstOrDefault(database => FleetValues.SameDatabaseName(Collation, database.Name, databaseName));

    /// <summary>Returns the availability group with this name (compared case-insensitively), or null.</summary>
    public FleetAvailabilityGroup? FindAvailabilityGroup(string name) =>
        AvailabilityGroups.FirstOrDefault(group => string.Equals(group.Name, name, StringComparison.OrdinalIgnoreCase));
}
