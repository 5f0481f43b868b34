using ArcActors.Simulation.Fleets;

namespace ArcActors.Simulation;

/// <summary>A timeline event that cannot be applied, because what it names does not exist at its time or would collide.</summary>
internal sealed class TimelineRejection(FleetTimelineEvent fleetEvent, string value, string problem, string fix)
    : InvalidOperationException($"{problem}; {fix}")
{
    public FleetTimelineEvent Event => fleetEvent;
    public string Value => value;
    public string Problem => problem;
    public string Fix => fix;
}
