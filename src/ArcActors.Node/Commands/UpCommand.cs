using ArcActors.Dps.Projections;
using ArcActors.Node.Runtime;
using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Node.Commands;

/// <summary>
/// <c>arcactors up</c>: one process with every role on a simulated fleet and SQLite files under a
/// data folder. Runs an inventory cycle at start and then every interval until stopped (SIGINT or
/// SIGTERM), or one cycle with <c>--once</c>. Restarting on the same folder resumes every entity
/// and projection.
/// </summary>
public static class UpCommand
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    public sealed record Options(string? FleetPath, string DataDirectory, bool Once, TimeSpan Interval, bool Verbose)
    {
        /// <summary>Settings of the ARM API, or null to run without it.</summary>
        public ApiHost.Settings? Api { get; init; }

        /// <summary>The interval as the operator wrote it, for messages.</summary>
        public string IntervalText { get; init; } = Interval.ToString();
    }

    public static async Task<int> RunAsync(Options options, TextWriter output, CancellationToken stop)
    {
        var (fleet, fleetName) = LoadFleet(options.FleetPath);
        using var data = DataFolder.Open(options.DataDirectory);
        data.ClaimFor(fleet);
        output.WriteLine($"ArcActors embedded node: SIMULATED fleet '{fleetName}' ({fleet.Hosts.Count} hosts), data in {data.Root}");

        var state = new FleetState(fleet);
        var started = TimeProvider.System.GetUtcNow();
        var live = options.Once ? [] : ProjectionRunner.Tags;
        await using var node = await EmbeddedNode.StartAsync(data, TimeProvider.System, live, logLevel: options.Verbose ? "INFO" : "WARNING", progress: output);
        var agents = FleetAgents.Start(node, fleet, state, TimeProvider.System, scheduleOwnCycles: false);
        await using var relays = FleetRelays.Start(node, fleet, state, data.Root, TimeSpan.FromSeconds(5), TimeProvider.System);
        await using var api = options.Api is null ? null : await ApiHost.StartAsync(node, options.Api, fleet.SubscriptionId, [fleet.Location], output);
        var providers = new ProviderSync(node, fleet.SubscriptionId, TimeProvider.System);
        var lastUpload = DateTimeOffset.MinValue;
        var idle = false;
        try
        {
            while (true)
            {
                var now = TimeProvider.System.GetUtcNow();
                state.ApplyUntil(fleet.Start + (now - started));
                await providers.ApplyAsync(state.Providers);
                await RunCycleAsync(agents, now, output, stop);

                if (now - lastUpload >= SimulationSteps.UsageUploadInterval || options.Once)
                {
                    var uploads = await agents.UploadUsageAsync(now, includeOpenHour: true, StepTimeout, stop);
                    lastUpload = now;
                    output.WriteLine($"{Clock()} usage: {uploads.Sum(u => u.Records)} hourly records uploaded");
                }

                await node.Dps.CatchUpAsync(StepTimeout);
                SummaryTable.Write(node.Store.GetCounts(), output);
                if (options.Once)
                {
                    return 0;
                }

                output.WriteLine($"next cycle in {options.IntervalText}; press Ctrl+C (or send SIGTERM) to stop");
                idle = true;
                await Task.Delay(options.Interval, stop);
                idle = false;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping between cycles is the normal end of 'up'; stopping inside a cycle cut it short.
            output.WriteLine(idle ? "stopping: closing the node and its stores ..." : "stopping in the middle of a cycle: closing the node and its stores ...");
            return idle ? 0 : Program.StoppedExitCode;
        }
    }

    private static async Task RunCycleAsync(FleetAgents agents, DateTimeOffset now, TextWriter output, CancellationToken stop)
    {
        output.WriteLine($"{Clock()} inventory cycle on {agents.Supervisors.Count} hosts ...");
        var cycles = await agents.RunCycleAsync(now, StepTimeout, stop);
        var errors = cycles.SelectMany(cycle => cycle.Errors).ToList();
        output.WriteLine($"{Clock()} inventory: {cycles.Sum(c => c.Instances)} instances, {cycles.Sum(c => c.Databases)} databases, {errors.Count} errors");
        foreach (var error in errors.Take(10))
        {
            output.WriteLine($"  error: {error}");
        }
    }

    private static string Clock() => TimeProvider.System.GetUtcNow().ToString("HH:mm:ss'Z'");

    private static (Fleet Fleet, string Name) LoadFleet(string? path)
    {
        if (path is not null)
        {
            return (FleetFile.Load(path), Path.GetFileName(path));
        }

        using var stream = typeof(UpCommand).Assembly.GetManifestResourceStream("ArcActors.Node.fleets.sample.yaml")
            ?? throw new InvalidOperationException("The bundled sample fleet is missing from the executable; rebuild ArcActors.Node.");
        using var reader = new StreamReader(stream);
        return (FleetFile.Parse(reader.ReadToEnd(), "sample.yaml (bundled)"), "sample.yaml (bundled)");
    }
}
