namespace ArcActors.Simulation.Fleets;

/// <summary>Keys a <c>change</c> event sets on a host. Null keys keep their value.</summary>
/// <remarks>Changing <see cref="LogicalProcessors"/> leaves <see cref="PhysicalCores"/> as it was unless the event sets both.</remarks>
public sealed record HostChange
{
    public string? Os { get; init; }
    public string? Manufacturer { get; init; }
    public string? Model { get; init; }
    public int? LogicalProcessors { get; init; }
    public int? PhysicalCores { get; init; }
    public ExtensionChange? Extension { get; init; }

    public FleetHost ApplyTo(FleetHost host) => host with
    {
        Os = Os ?? host.Os,
        Manufacturer = Manufacturer ?? host.Manufacturer,
        Model = Model ?? host.Model,
        LogicalProcessors = LogicalProcessors ?? host.LogicalProcessors,
        PhysicalCores = PhysicalCores ?? host.PhysicalCores,
        Extension = Extension is null ? host.Extension : Extension.ApplyTo(host.Extension),
    };
}
