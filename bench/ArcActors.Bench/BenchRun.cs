using System.Diagnostics;
using ArcActors.Node.Commands;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Bench;

/// <summary>Generates the fleet, writes it as YAML, runs <see cref="SimulateCommand"/> in-process and collects the figures.</summary>
public static class BenchRun
{
    /// <summary>Start of the virtual clock; a fixed instant so that runs with the same seed simulate the same hours.</summary>
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var work = WorkFolder.Create(options.WorkDirectory);

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

        var hosts = fleet.Hosts.Count;
        var instances = fleet.Hosts.Sum(host => host.Instances.Count);
        var databases = fleet.Hosts.Sum(host => host.Instances.Sum(instance => instance.Databases.Count));
        var timelineEvents = fleet.Timeline.Count;
        fleet = null;

        output.WriteLine($"fleet: {hosts} hosts, {instances} instances, {databases} databases, {timelineEvents} timeline events in {work.FleetPath}");
        output.WriteLine($"simulating {options.Hours} hours ...");

        var simulation = await SimulateAsync(options, work, output);

        var journal = JournalCounts.Read(work.JournalPath);
        var outputs = OutputCounts.Read(work);

        return simulation with
        {
            Hosts = hosts,
            Instances = instances,
            Databases = databases,
            TimelineEvents = timelineEvents,
            FleetFileBytes = new FileInfo(work.FleetPath).Length,
            GenerateTime = generateTime,
            WriteTime = writeTime,
            Journal = journal,
            Output = outputs,
            JournalFileBytes = FileBytes(work.JournalPath),
            ReadStoreFileBytes = FileBytes(work.ReadStorePath),
        };
    }

    /// <summary>Runs the simulation and measures it; the counts are left empty for the caller to fill.</summary>
    private static async Task<BenchResult> SimulateAsync(BenchOptions options, WorkFolder work, TextWriter output)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pauseBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

        int exitCode;
        var wallClock = Stopwatch.StartNew();
        var sampler = MemorySampler.Start();
        await using (sampler)
        {
            var simulateOutput = options.Progress ? new ElapsedLineWriter(output) : output;
            var simulateOptions = new SimulateCommand.Options(work.FleetPath, options.Hours, work.OutDirectory, work.DataDirectory, Quiet: !options.Progress);
            exitCode = await SimulateCommand.RunAsync(simulateOptions, simulateOutput);
        }

        var simulateTime = wallClock.Elapsed;

        process.Refresh();
        return new BenchResult
        {
            Options = options,
            Hosts = 0,
            Instances = 0,
            Databases = 0,
            TimelineEvents = 0,
            FleetFileBytes = 0,
            GenerateTime = TimeSpan.Zero,
            WriteTime = TimeSpan.Zero,
            SimulateTime = simulateTime,
            SimulateCpuTime = process.TotalProcessorTime - cpuBefore,
            ExitCode = exitCode,
            PeakWorkingSetBytes = process.PeakWorkingSet64,
            SampledPeakWorkingSetBytes = sampler.PeakWorkingSet.Bytes,
            SampledPeakAtSeconds = sampler.PeakWorkingSet.AtSeconds,
            PeakManagedHeapBytes = sampler.PeakManagedHeapBytes,
            AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
            HeapAfterRunBytes = GC.GetGCMemoryInfo().HeapSizeBytes,
            GcPauseTime = GC.GetTotalPauseDuration() - pauseBefore,
            Collections = (GC.CollectionCount(0) - collectionsBefore.Item1, GC.CollectionCount(1) - collectionsBefore.Item2,
                GC.CollectionCount(2) - collectionsBefore.Item3),
            Journal = new JournalCounts(0, 0, 0, new Dictionary<string, long>(), new Dictionary<string, long>(), new Dictionary<string, long>()),
            Output = new OutputCounts(0, 0, new Dictionary<string, long>(), 0),
            JournalFileBytes = 0,
            ReadStoreFileBytes = 0,
        };
    }

    private static long FileBytes(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
