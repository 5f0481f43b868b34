namespace ArcActors.Simulation.Fleets;

/// <summary>The <c>addInstance</c> action: installs an instance on the selected host.</summary>
public sealed record AddInstanceAction(FleetInstance Instance) : FleetTimelineAction
{
    public override string Key => "addInstance";
}
