using System.Diagnostics;

namespace ArcActors.ClusterBench;

/// <summary>Counts accepted uploads and CPU time of the processes involved over one window after a warm-up.</summary>
public static class MeasuringWindow
{
    /// <summary>Waits <paramref name="warmup"/>, then measures for <paramref name="window"/> while the load keeps running.</summary>
    public static async Task<PathResult> MeasureAsync(string name, AcceptLog log, TimeSpan warmup, TimeSpan window, IReadOnlyList<(string Name, int Pid)> processes)
    {
        await Task.Delay(warmup);
        var rejectedBefore = log.Rejected;
        var timeoutsBefore = log.Timeouts;
        var eventsBefore = log.EventsPersisted;
        var before = processes.Select(process => CpuSampler.CpuSeconds(process.Pid) ?? 0).ToList();
        var postgresBefore = CpuSampler.PostgresCpuSeconds();
        var from = log.Now;
        var clock = Stopwatch.StartNew();

        await Task.Delay(window);

        var seconds = clock.Elapsed.TotalSeconds;
        var to = log.Now;
        var after = processes.Select(process => CpuSampler.CpuSeconds(process.Pid) ?? 0).ToList();
        var postgres = CpuSampler.PostgresCpuSecondsBetween(postgresBefore, CpuSampler.PostgresCpuSeconds());
        var cpu = processes.Select((process, index) => (process.Name, 100 * (after[index] - before[index]) / seconds)).ToList();
        cpu.Add(("postgresql (all its processes)", 100 * postgres / seconds));
        return new PathResult(name, to - from, log.CountBetween(from, to), log.Rejected - rejectedBefore, log.Timeouts - timeoutsBefore,
            log.EventsPersisted - eventsBefore, cpu);
    }
}
