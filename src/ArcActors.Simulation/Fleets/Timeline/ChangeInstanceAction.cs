namespace ArcActors.Simulation.Fleets;

/// <summary>The <c>change</c> action with host and instance selectors: sets keys of the instance.</summary>
public sealed record ChangeInstanceAction(InstanceChange Change) : FleetTimelineAction
{
    public override string Key => "change";
}
