using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Node.Commands;

/// <summary>
/// The instants a simulation stops at: every whole hour (an inventory cycle and a usage sample),
/// every timeline event (so a change inside an hour is seen in that hour), and every 12 hours a
/// usage upload. The last step is the end, where the remaining usage is uploaded.
/// </summary>
public static class SimulationSteps
{
    public static readonly TimeSpan UsageUploadInterval = TimeSpan.FromHours(12);

    public sealed record Step(DateTimeOffset At, bool UploadUsage);

    public static IEnumerable<Step> Between(Fleet fleet, FleetState state, DateTimeOffset end)
    {
        var instants = new SortedSet<DateTimeOffset>();
        for (var at = fleet.Start; at <= end; at = at.AddHours(1))
        {
            instants.Add(at);
        }

        foreach (var eventTime in state.EventTimes.Where(time => time > fleet.Start && time < end))
        {
            instants.Add(eventTime);
        }

        foreach (var at in instants)
        {
            var sinceStart = at - fleet.Start;
            var uploadDue = at == end || (sinceStart > TimeSpan.Zero && sinceStart.Ticks % UsageUploadInterval.Ticks == 0);
            yield return new Step(at, uploadDue);
        }
    }
}
