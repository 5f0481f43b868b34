namespace ArcActors.Simulation.Fleets;

/// <summary>The <c>disconnect</c> action: the selected host cannot reach the cluster for <paramref name="For"/> and keeps collecting.</summary>
public sealed record DisconnectAction(TimeSpan For) : FleetTimelineAction
{
    public override string Key => "disconnect";
}
