namespace ArcActors.Simulation.Fleets;

/// <summary>The <c>failover</c> action: the replica on host <paramref name="To"/> becomes primary and every other replica secondary.</summary>
public sealed record FailoverAction(string AvailabilityGroup, string To) : FleetTimelineAction
{
    public override string Key => "failover";
}
