namespace ArcActors.Simulation.Fleets;

/// <summary>A machine (an OS environment: a VM or a physical server) of the fleet.</summary>
public sealed record FleetHost
{
    /// <summary>Machine name as the OS reports it.</summary>
    public required string Name { get; init; }

    /// <summary>Stable machine id. Resources are keyed by it, so it survives a rename.</summary>
    public required Guid VmId { get; init; }

    /// <summary>Windows or Linux.</summary>
    public string Os { get; init; } = FleetValues.Windows;

    public string Manufacturer { get; init; } = "Microsoft Corporation";
    public string Model { get; init; } = "Virtual Machine";
    public required int LogicalProcessors { get; init; }
    public required int PhysicalCores { get; init; }
    public FleetExtension Extension { get; init; } = new();
    public IReadOnlyList<FleetInstance> Instances { get; init; } = [];

    /// <summary>Returns the instance with this name (instance names compare case-insensitively), or null.</summary>
    public FleetInstance? FindInstance(string instanceName) =>
        Instances.FirstOrDefault(instance => FleetValues.SameInstanceName(instance.Name, instanceName));
}
