namespace ArcActors.Simulation.Fleets;

/// <summary>An availability group as listed on one replica's instance.</summary>
public sealed record FleetAvailabilityGroup
{
    public required string Name { get; init; }

    /// <summary>Group id. Every replica's entry for the group carries the same id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Primary or Secondary: the role of the local replica.</summary>
    public required string Role { get; init; }

    /// <summary>Whether the local replica accepts read connections while it is a secondary.</summary>
    public bool Readable { get; init; }

    public IReadOnlyList<string> Databases { get; init; } = [];

    /// <summary>Host names of every replica, this one included.</summary>
    public IReadOnlyList<string> Replicas { get; init; } = [];
}
