using System.Diagnostics;
using ArcActors.Node.Commands;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Bench;

/// <summary>Generates the fleet, writes it as YAML, runs <see cref="SimulateCommand"/> in-process and collects the figures.</summary>
public static class BenchRun
{
    /// <summary>Start of the virtual clock, fixed so that runs with the same seed simulate the same hours.</summary>
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var work = WorkFolder.Create(options.WorkDirectory);

        var fleet = await WriteFleetAsync(options, work);
        output.WriteLine($"fleet: {fleet.Hosts} hosts, {fleet.Instances} instances, {fleet.Databases} databases, " +
            $"{fleet.TimelineEvents} timeline events in {work.FleetPath}");
        output.WriteLine($"simulating {options.Hours} hours ...");

        var simulation = await SimulateAsync(options, work, output);

        return new BenchResult(
            options,
            fleet,
            simulation,
            JournalCounts.Read(work.JournalPath),
            OutputCounts.Read(work),
            FileBytes(work.JournalPath),
            FileBytes(work.ReadStorePath));
    }

    private static async Task<FleetFigures> WriteFleetAsync(BenchOptions options, WorkFolder work)
    {
        var phase = Stopwatch.StartNew();
        var fleet = FleetGenerator.Generate(options.Hosts, options.InstancesPerHost, options.DatabasesPerInstance, Start, options.Seed);
        if (!options.KeepTimeline)
        {
            fleet = fleet with { Timeline = [] };
        }

        var generateTime = phase.Elapsed;

        phase.Restart();
        await File.WriteAllTextAsync(work.FleetPath, FleetWriter.ToYaml(fleet));
        var writeTime = phase.Elapsed;

        return new FleetFigures(
            fleet.Hosts.Count,
            fleet.Hosts.Sum(host => host.Instances.Count),
            fleet.Hosts.Sum(host => host.Instances.Sum(instance => instance.Databases.Count)),
            fleet.Timeline.Count,
            FileBytes(work.FleetPath),
            generateTime,
            writeTime);
    }

    private static async Task<SimulationMeasurement> SimulateAsync(BenchOptions options, WorkFolder work, TextWriter output)
    {
        // A full collection first, so that the generator's objects and the YAML text do not count against the run.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pauseBefore = GC.GetTotalPauseDuration();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

        var exitCode = 0;
        PhaseTimer? phases = null;
        var wallClock = Stopwatch.StartNew();
        var sampler = MemorySampler.Start();
        await using (sampler)
        {
            if (options.Phases)
            {
                phases = await ProfiledSimulation.RunAsync(work.FleetPath, options.Hours, work);
            }
            else
            {
                var simulateOptions = new SimulateCommand.Options(work.FleetPath, options.Hours, work.OutDirectory, work.DataDirectory, Verbose: options.Progress);
                exitCode = await SimulateCommand.RunAsync(simulateOptions, new ElapsedLineWriter(output));
            }
        }

        var wallTime = wallClock.Elapsed;
        process.Refresh();

        return new SimulationMeasurement
        {
            ExitCode = exitCode,
            Phases = phases,
            WallTime = wallTime,
            CpuTime = process.TotalProcessorTime - cpuBefore,
            WorkingSetBeforeBytes = workingSetBefore,
            PeakWorkingSetBytes = process.PeakWorkingSet64,
            SampledPeakWorkingSetBytes = sampler.PeakWorkingSet.Bytes,
            SampledPeakAtSeconds = sampler.PeakWorkingSet.AtSeconds,
            PeakManagedHeapBytes = sampler.PeakManagedHeapBytes,
            AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
            GcPauseTime = GC.GetTotalPauseDuration() - pauseBefore,
            Gen0Collections = GC.CollectionCount(0) - gen0,
            Gen1Collections = GC.CollectionCount(1) - gen1,
            Gen2Collections = GC.CollectionCount(2) - gen2,
        };
    }

    private static long FileBytes(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
