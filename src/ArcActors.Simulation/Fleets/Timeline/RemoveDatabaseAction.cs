namespace ArcActors.Simulation.Fleets;

/// <summary>The <c>removeDatabase</c> action: drops a database of the selected instance.</summary>
public sealed record RemoveDatabaseAction(string Name) : FleetTimelineAction
{
    public override string Key => "removeDatabase";
}
