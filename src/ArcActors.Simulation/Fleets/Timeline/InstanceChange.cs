namespace ArcActors.Simulation.Fleets;

/// <summary>Keys a <c>change</c> event sets on an instance. Null keys keep their value.</summary>
public sealed record InstanceChange
{
    public string? Edition { get; init; }
    public string? Version { get; init; }
    public string? Collation { get; init; }
    public string? TcpStaticPorts { get; init; }
    public string? TcpDynamicPorts { get; init; }
    public string? State { get; init; }
    public bool? LocalDb { get; init; }
    public FleetFailoverCluster? FailoverCluster { get; init; }
    public int? UserConnections { get; init; }
    public long? MaxServerMemoryMB { get; init; }
    public int? TempdbDataFiles { get; init; }

    /// <summary>Replaces the instance's whole list of availability groups when set.</summary>
    public IReadOnlyList<FleetAvailabilityGroup>? AvailabilityGroups { get; init; }

    public FleetInstance ApplyTo(FleetInstance instance) => instance with
    {
        Edition = Edition ?? instance.Edition,
        Version = Version ?? instance.Version,
        Collation = Collation ?? instance.Collation,
        TcpStaticPorts = TcpStaticPorts ?? instance.TcpStaticPorts,
        TcpDynamicPorts = TcpDynamicPorts ?? instance.TcpDynamicPorts,
        State = State ?? instance.State,
        LocalDb = LocalDb ?? instance.LocalDb,
        FailoverCluster = FailoverCluster ?? instance.FailoverCluster,
        UserConnections = UserConnections ?? instance.UserConnections,
        MaxServerMemoryMB = MaxServerMemoryMB ?? instance.MaxServerMemoryMB,
        TempdbDataFiles = TempdbDataFiles ?? instance.TempdbDataFiles,
        AvailabilityGroups = AvailabilityGroups ?? instance.AvailabilityGroups,
    };
}
