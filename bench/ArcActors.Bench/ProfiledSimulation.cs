using ArcActors.Node.Commands;
using ArcActors.Node.Runtime;
using ArcActors.ReadModel;
using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Bench;

/// <summary>
/// The steps of <see cref="SimulateCommand.RunAsync"/> in the same order and with the same calls,
/// each wrapped in a <see cref="PhaseTimer"/>, to show where the time and memory of a run go.
/// </summary>
/// <remarks>
/// NOTE: this copies the step sequence of SimulateCommand as it was when the harness was written
/// (load, start node, start agents, cycles and 12-hourly uploads, catch-up, counts, output,
/// shutdown). If SimulateCommand changes, the phase figures describe the old sequence until this
/// copy is updated; the headline figures always come from SimulateCommand itself.
/// </remarks>
public static class ProfiledSimulation
{
    private static readonly TimeSpan CycleTimeout = TimeSpan.FromMinutes(5);

    public static async Task<PhaseTimer> RunAsync(string fleetPath, int hours, WorkFolder work)
    {
        var timer = new PhaseTimer();
        var errors = new List<string>();
        var fleet = timer.Time("load fleet file", () => FleetFile.Load(fleetPath));
        var state = new FleetState(fleet);
        var clock = new VirtualClock(fleet.Start);
        using var data = DataFolder.Open(work.DataDirectory);

        var node = await timer.TimeAsync("start node", () => EmbeddedNode.StartAsync(data, clock, liveProjections: [ArcActors.Contracts.Events.EventTags.Billing], logLevel: "WARNING"));
        try
        {
            var agents = timer.Time("start host agents", () => FleetAgents.Start(node, fleet, state, clock, scheduleOwnCycles: false));
            await RunStepsAsync(timer, fleet, state, clock, agents, fleet.Start.AddHours(hours), errors);

            await timer.TimeAsync("projection catch-up", () => node.Dps.CatchUpAsync(CycleTimeout));
            var counts = timer.Time("read store counts", () => node.Store.GetCounts());
            var summary = new SimulationSummary(fleet.Hosts.Count, counts.Instances, counts.Databases, counts.AvailabilityGroups, counts.BillingRows, errors.Distinct().Count(), 0);
            timer.Time("write output files", () =>
            {
                SimulationOutput.Write(node.Store, work.OutDirectory, summary);
                return 0;
            });
        }
        finally
        {
            await timer.TimeAsync("shut down node", () => node.DisposeAsync().AsTask());
        }

        return timer;
    }

    private static async Task RunStepsAsync(PhaseTimer timer, Fleet fleet, FleetState state, VirtualClock clock, FleetAgents agents, DateTimeOffset end, List<string> errors)
    {
        foreach (var step in SimulationSteps.Between(fleet, state, end))
        {
            if (step.UploadUsage)
            {
                var uploads = await timer.TimeAsync("usage upload", () => agents.UploadUsageAsync(step.At, includeOpenHour: false, CycleTimeout, CancellationToken.None));
                errors.AddRange(uploads.Where(upload => upload.Error.Length > 0).Select(upload => $"usage of {upload.VmId}: {upload.Error}"));
            }

            if (step.At >= end)
            {
                break;
            }

            state.ApplyUntil(step.At);
            clock.Set(step.At);
            var phase = step.At == fleet.Start ? "first inventory cycle" : "later inventory cycles";
            var cycles = await timer.TimeAsync(phase, () => agents.RunCycleAsync(step.At, CycleTimeout, CancellationToken.None));
            errors.AddRange(cycles.SelectMany(cycle => cycle.Errors));
        }
    }
}
