using System.Diagnostics;
using ArcActors.Contracts.Events;
using ArcActors.Node.Runtime;
using ArcActors.ReadModel;
using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Node.Commands;

/// <summary>
/// <c>arcactors simulate</c>: drives a fleet on a virtual clock through the whole pipeline (host
/// agents, ingress, entities, journal, projections) and writes the output files.
/// </summary>
public static class SimulateCommand
{
    /// <summary>Exit code of a run that finished but recorded errors (failed probes, rejected uploads).</summary>
    public const int CompletedWithErrorsExitCode = 3;

    /// <summary>How long one cycle of the whole fleet may take before the run fails.</summary>
    private static readonly TimeSpan CycleTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Message of the <see cref="OperationCanceledException"/> of a stopped run whose temporary data folder was deleted.</summary>
    public const string TemporaryDataDeletedMessage =
        "the run's temporary data folder was deleted; give --data DIR to keep the journal and read store of a stopped run.";

    public sealed record Options(string FleetPath, int Hours, string OutDirectory, string? DataDirectory, bool Verbose);

    public static async Task<int> RunAsync(Options options, TextWriter output, CancellationToken stop = default)
    {
        var wallClock = Stopwatch.StartNew();
        var fleet = FleetFile.Load(options.FleetPath);
        OutputFolder.Check(options.OutDirectory);

        var temporary = options.DataDirectory is null;
        var dataRoot = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), $"arcactors-simulate-{Guid.NewGuid():N}");
        try
        {
            using var data = OpenDataFolder(dataRoot);
            data.ClaimFor(fleet);
            RejectEarlierRun(data);
            var errors = await RunPipelineAsync(options, fleet, data, wallClock, output, stop);
            return errors == 0 ? 0 : CompletedWithErrorsExitCode;
        }
        catch (OperationCanceledException exception) when (temporary && stop.IsCancellationRequested)
        {
            throw new OperationCanceledException(TemporaryDataDeletedMessage, exception, stop);
        }
        finally
        {
            if (temporary && Directory.Exists(dataRoot))
            {
                Directory.Delete(dataRoot, recursive: true);
            }
        }
    }

    /// <summary>Opens the --data folder, naming the option and the path when the folder cannot be created.</summary>
    private static DataFolder OpenDataFolder(string root)
    {
        try
        {
            return DataFolder.Open(root);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or DirectoryNotFoundException)
        {
            throw new IOException($"--data {Path.GetFullPath(root)} cannot be created or locked (access denied or a missing parent); " +
                "give a folder you can write, or leave --data out to use a temporary folder.", exception);
        }
    }

    /// <summary>
    /// Rejects a data folder that contains the journal of an earlier run: the entities would replay its
    /// events, so the output would cover that run's hours as well as this run's.
    /// </summary>
    private static void RejectEarlierRun(DataFolder data)
    {
        if (File.Exists(data.JournalPath) || File.Exists(data.ReadStorePath))
        {
            throw new IOException($"--data {data.Root} already contains the journal or read store of an earlier run, whose hours would be added to this run's output, so " +
                "give an empty or new folder (--data keeps a run's journal and read store for inspection).");
        }
    }

    private static async Task<int> RunPipelineAsync(Options options, Fleet fleet, DataFolder data, Stopwatch wallClock, TextWriter output, CancellationToken stop)
    {
        var state = new FleetState(fleet);
        var clock = new VirtualClock(fleet.Start);
        var errors = new List<string>();

        // The read store ends in the same state whatever order the projections apply events in, so the
        // output is byte-identical either way. Billing is projected while the cycles run. Inventory and
        // machines wait for the end, because on two cores their rendering slowed the cycles down more
        // than it saved (85 s against 73 s for 1,000 hosts).
        await using var node = await EmbeddedNode.StartAsync(data, clock, liveProjections: [EventTags.Billing], logLevel: options.Verbose ? "INFO" : "WARNING", progress: output);
        var agents = FleetAgents.Start(node, fleet, state, clock, scheduleOwnCycles: false);
        var providers = new ProviderSync(node, fleet.SubscriptionId, clock);
        var end = fleet.Start.AddHours(options.Hours);

        // NOTE: the fleet's licenses and the 'license' timeline events are validated and tracked in
        // FleetState but not acted on yet: no license billing and no license coverage.
        foreach (var step in SimulationSteps.Between(fleet, state, end))
        {
            if (step.UploadUsage)
            {
                var uploads = await agents.UploadUsageAsync(step.At, includeOpenHour: false, CycleTimeout, stop);
                errors.AddRange(uploads.Where(upload => upload.Error.Length > 0 && !IsDisconnection(upload.Error))
                    .Select(upload => $"usage of {upload.VmId}: {upload.Error}"));
            }

            if (step.At >= end)
            {
                break;
            }

            state.ApplyUntil(step.At);
            clock.Set(step.At);
            await providers.ApplyAsync(state.Providers);
            var cycles = await agents.RunCycleAsync(step.At, CycleTimeout, stop);
            errors.AddRange(cycles.SelectMany(cycle => cycle.Errors).Where(error => !IsDisconnection(error)));
            if (step.At.Minute == 0 && (step.At - fleet.Start).TotalHours % ProgressEveryHours(options.Hours) == 0)
            {
                output.WriteLine($"simulated {step.At:yyyy-MM-dd HH:mm}Z: {cycles.Sum(c => c.Instances)} instances, {cycles.Sum(c => c.Databases)} databases");
            }
        }

        // The agents keep an actor per database. Stopping them first lowers the peak memory of the final
        // projection and output phase, which is the highest of the run.
        await agents.StopAsync(CycleTimeout);
        await node.Dps.CatchUpAsync(CycleTimeout);

        // The output is read at the run's end time, so a host cut off at the end reads as Disconnected.
        clock.Set(end);
        node.Store.Clock = clock;
        var distinctErrors = errors.Distinct().ToList();
        var counts = node.Store.GetCounts();
        var summary = new SimulationSummary(fleet.Hosts.Count, counts.Instances, counts.Databases, counts.AvailabilityGroups,
            counts.BillingRows, distinctErrors.Count, Math.Round(wallClock.Elapsed.TotalSeconds, 1));
        SimulationOutput.Write(node.Store, options.OutDirectory, summary);

        output.WriteLine($"simulated {options.Hours} hours of {fleet.Hosts.Count} hosts in {wallClock.Elapsed.TotalSeconds:F1} s: " +
            $"{counts.Instances} instances, {counts.Databases} databases, {counts.BillingRows} billing records, {distinctErrors.Count} errors; " +
            $"output in {Path.GetFullPath(options.OutDirectory)}");
        foreach (var error in distinctErrors.Take(20))
        {
            output.WriteLine($"  error: {error}");
        }

        if (distinctErrors.Count > 20)
        {
            output.WriteLine($"  ... and {distinctErrors.Count - 20} more errors");
        }

        return distinctErrors.Count;
    }

    // About 24 progress lines per run whatever its length: every 6 hours of a day, every 5 days of a month.
    private static int ProgressEveryHours(int hours) => Math.Max(6, hours / 24 / 6 * 6);

    // A host the timeline disconnects is expected to fail its uploads; they are not errors of the run.
    private static bool IsDisconnection(string error) => error.Contains(SimulatedNetwork.DisconnectedCode, StringComparison.Ordinal);
}
