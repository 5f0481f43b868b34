namespace ArcActors.Simulation.Fleets;

/// <summary>The Windows Server failover cluster of a failover cluster instance.</summary>
public sealed record FleetFailoverCluster
{
    public required string NetworkName { get; init; }

    /// <summary>Host names of the cluster nodes.</summary>
    public IReadOnlyList<string> Nodes { get; init; } = [];

    /// <summary>Host name of the node that runs the instance. Empty when none is named.</summary>
    public string ActiveNode { get; init; } = "";
}
