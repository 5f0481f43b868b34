using System.Globalization;

namespace ArcActors.ClusterBench;

/// <summary>Prints the result block of one benchmark run.</summary>
public static class ClusterBenchReport
{
    public static void Write(TextWriter output, ClusterBenchOptions options, PathResult? inProcess, RemoteRun.RemoteResult? remoteRun)
    {
        var remote = remoteRun?.Throughput;
        var failover = remoteRun?.Failover;
        output.WriteLine();
        output.WriteLine("=== ArcActors cluster benchmark ===");
        output.WriteLine(F($"hosts {options.Hosts}, {options.InFlight} upload(s) in flight per host, mix: inventory and usage alternating, warm-up {options.Warmup.TotalSeconds:0} s, window {options.Window.TotalSeconds:0} s, reply timeout {options.ReplyTimeout.TotalSeconds:0} s"));
        output.WriteLine(F($"machine: {Environment.ProcessorCount} logical processors, .NET {Environment.Version}, journal PostgreSQL"));
        foreach (var path in new[] { inProcess, remote }.OfType<PathResult>())
        {
            output.WriteLine(F($"{path.Name}: {path.UploadsPerSecond:0.0} accepted uploads/s ({path.Accepted} in {path.WindowSeconds:0.0} s), rejected {path.Rejected}, reply timeouts {path.Timeouts}, events persisted {path.EventsPersisted}"));
            foreach (var (process, percent) in path.CpuPercent)
            {
                output.WriteLine(F($"    CPU {process}: {percent:0}% of one core"));
            }

            output.WriteLine(F($"    CPU per accepted upload: {CpuMillisecondsPerUpload(path, includePostgres: false):0.00} ms in the .NET processes, {CpuMillisecondsPerUpload(path, includePostgres: true):0.00} ms with PostgreSQL"));
        }

        if (inProcess is not null && remote is not null)
        {
            var share = remote.UploadsPerSecond / inProcess.UploadsPerSecond;
            output.WriteLine(F($"remote / in-process: {share:P0}; target at least 50%: {(share >= 0.5 ? "MET" : "NOT MET")}"));
        }
        else
        {
            output.WriteLine("remote / in-process: one path only (--only), no ratio");
        }

        WriteCeiling(output, inProcess, remoteRun?.Ceiling);

        if (failover is null)
        {
            output.WriteLine(remote is null ? "failover: skipped (no remote path)" : "failover: skipped (--no-kill)");
            return;
        }

        output.WriteLine(F($"failover (dps-{options.DpsNodes} killed with SIGKILL): pre-kill {failover.PreKillRate:0.0}/s, lowest 1-s rate after {failover.LowestRate}/s"));
        output.WriteLine(F($"    rate back at 90% after: {Seconds(failover.RateRecoveredAfter)}"));
        output.WriteLine(F($"    every host accepted again after: {Seconds(failover.AllHostsAcceptedAfter)}; stalled hosts {failover.StalledHosts}, their median {failover.MedianStalledHostAfter:0.0} s"));
        output.WriteLine(F($"    reply timeouts after the kill: {failover.Timeouts}"));
        output.WriteLine("    accepted per second after the kill: " + string.Join(" ", failover.PerSecond));
    }

    private static void WriteCeiling(TextWriter output, PathResult? inProcess, PathResult? ceiling)
    {
        if (ceiling is null)
        {
            return;
        }

        output.WriteLine(F($"{ceiling.Name}: {ceiling.RepliesPerSecond:0.0} replies/s ({ceiling.Rejected} in {ceiling.WindowSeconds:0.0} s), reply timeouts {ceiling.Timeouts}"));
        foreach (var (process, percent) in ceiling.CpuPercent)
        {
            output.WriteLine(F($"    CPU {process}: {percent:0}% of one core"));
        }

        if (inProcess is not null)
        {
            output.WriteLine(F($"    ceiling / in-process: {ceiling.RepliesPerSecond / inProcess.UploadsPerSecond:P0}: no accepted upload over this remote path can be faster"));
        }
    }

    // The PostgreSQL figure sums every postgres process on the machine, so another server running there inflates it.
    private static double CpuMillisecondsPerUpload(PathResult path, bool includePostgres)
    {
        var percent = path.CpuPercent
            .Where(entry => includePostgres || !entry.Process.StartsWith("postgresql", StringComparison.Ordinal))
            .Sum(entry => entry.Percent);
        return path.UploadsPerSecond > 0 ? percent * 10 / path.UploadsPerSecond : double.NaN;
    }

    private static string Seconds(double? value) => value is { } seconds ? F($"{seconds:0.0} s") : "not within the recovery limit";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
