namespace ArcActors.Simulation.Fleets;

/// <summary>The <c>rename</c> action: the selected host gets the name <paramref name="To"/> and keeps its vmId.</summary>
public sealed record RenameAction(string To) : FleetTimelineAction
{
    public override string Key => "rename";
}
