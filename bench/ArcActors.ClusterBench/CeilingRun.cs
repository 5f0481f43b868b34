using Akka.Actor;

namespace ArcActors.ClusterBench;

/// <summary>
/// The ceiling of the remote path on this machine: the same hosts, links and cluster, but each host
/// sends its uploads with the next host's enrollment key. The ingress rejects them as a claim on
/// another machine's resources, so every upload crosses the two hops no design can avoid (to the
/// cluster and back), through the receptionist and the ingress's key check, without sharding or the
/// journal. No accepted upload can go faster.
/// </summary>
public static class CeilingRun
{
    public static async Task<PathResult> MeasureAsync(
        ClusterBenchOptions options, HostClients clients, IReadOnlyList<BenchHost> hosts, IReadOnlyList<(string Name, int Pid)> processes)
    {
        var log = new AcceptLog(hosts.Count);
        var load = new UploadLoad(hosts, options.InFlight, options.ReplyTimeout, log);
        UploadLoad.SendUpload send = (host, upload, timeout) => clients.Link(hosts[(host.Index + 1) % hosts.Count]).Ask<object>(upload, timeout);

        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(send, stop.Token);
        var result = await MeasuringWindow.MeasureAsync("remote ceiling (uploads rejected at the ingress)", log, options.CeilingWarmup, options.Window, processes);
        await stop.CancelAsync();
        await running;

        if (result.Accepted > 0)
        {
            throw new InvalidOperationException($"the ingress accepted {result.Accepted} uploads sent with another host's key; host identity is broken.");
        }

        if (log.FirstRejection is { } first && !first.StartsWith("HostNotAuthorized", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"uploads with another host's key were rejected for another reason: {first}");
        }

        return result;
    }
}
