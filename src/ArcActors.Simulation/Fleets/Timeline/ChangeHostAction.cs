namespace ArcActors.Simulation.Fleets;

/// <summary>The <c>change</c> action with only a host selector: sets keys of the host.</summary>
public sealed record ChangeHostAction(HostChange Change) : FleetTimelineAction
{
    public override string Key => "change";
}
