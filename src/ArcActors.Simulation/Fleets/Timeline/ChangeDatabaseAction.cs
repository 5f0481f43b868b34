namespace ArcActors.Simulation.Fleets;

/// <summary>The <c>change</c> action with host, instance and database selectors: sets keys of the database.</summary>
public sealed record ChangeDatabaseAction(DatabaseChange Change) : FleetTimelineAction
{
    public override string Key => "change";
}
