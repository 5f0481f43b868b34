namespace ArcActors.Simulation.Fleets;

/// <summary>The <c>license</c> action: sets keys of the physical core license named <paramref name="Name"/>.</summary>
public sealed record LicenseAction(string Name, LicenseChange Change) : FleetTimelineAction
{
    public override string Key => "license";
}
