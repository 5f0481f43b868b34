namespace ArcActors.Simulation.Fleets;

/// <summary>The <c>removeInstance</c> action: uninstalls an instance of the selected host.</summary>
public sealed record RemoveInstanceAction(string Name) : FleetTimelineAction
{
    public override string Key => "removeInstance";
}
