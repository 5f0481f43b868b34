namespace ArcActors.Simulation.Fleets;

/// <summary>The <c>addDatabase</c> action: creates a database on the selected instance.</summary>
public sealed record AddDatabaseAction(FleetDatabase Database) : FleetTimelineAction
{
    public override string Key => "addDatabase";
}
