namespace ArcActors.Simulation.Fleets;

/// <summary>The <c>provider</c> action: registers or unregisters a resource provider.</summary>
public sealed record ProviderAction(string Name, bool Registered) : FleetTimelineAction
{
    public override string Key => "provider";
}
