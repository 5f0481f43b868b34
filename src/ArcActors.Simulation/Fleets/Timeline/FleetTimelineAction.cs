namespace ArcActors.Simulation.Fleets;

/// <summary>What a timeline event does. One subtype per action key of the fleet format.</summary>
public abstract record FleetTimelineAction
{
    /// <summary>The action key as a fleet file spells it, such as <c>addDatabase</c>.</summary>
    public abstract string Key { get; }
}
