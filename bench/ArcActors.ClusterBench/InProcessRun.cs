using Akka.Actor;
using ArcActors.Contracts.Ingress;
using ArcActors.Node.Runtime;

namespace ArcActors.ClusterBench;

/// <summary>
/// The baseline: one dps node (<see cref="NodeRuntime"/>, PostgreSQL journal) inside the benchmark
/// process, and every host's loop asking its ingress directly with an enrolled key, no remoting.
/// </summary>
public static class InProcessRun
{
    public static async Task<PathResult> RunAsync(ClusterBenchOptions options, ClusterFiles files, IReadOnlyList<BenchHost> hosts, string journal)
    {
        Environment.SetEnvironmentVariable(ClusterFiles.InProcessJournalVariable, journal);
        var keys = ClusterFiles.Enroll(hosts, journal);
        var config = NodeConfig.Load(files.WriteInProcessNode(), "WARNING");
        await using var node = await NodeRuntime.StartAsync(config, Console.Out, CancellationToken.None);
        var dps = node.Dps ?? throw new InvalidOperationException("the in-process node started without its dps services; check its roles.");
        var commands = new AkkaArmCommands(dps, TimeProvider.System);
        foreach (var provider in ProviderNamespaces.All)
        {
            await commands.SetProviderRegistrationAsync(BenchHost.SubscriptionId, provider, true, "cluster bench", CancellationToken.None);
        }

        var log = new AcceptLog(hosts.Count);
        var load = new UploadLoad(hosts, options.InFlight, options.ReplyTimeout, log);
        UploadLoad.SendUpload send = (host, upload, timeout) =>
            dps.Ingress.Ask<object>(AuthenticatedUpload.Wrap(keys[host.Index].HostKeyId, keys[host.Index].Key, upload), timeout);

        using var stop = new CancellationTokenSource();
        using (var machinesDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await load.SendMachinesAsync(send, machinesDeadline.Token);
        }

        var running = load.RunAsync(send, stop.Token);
        var result = await MeasuringWindow.MeasureAsync("in-process", log, options.Warmup, options.Window, [("benchmark process (node and hosts)", Environment.ProcessId)]);
        await stop.CancelAsync();
        await running;
        return result;
    }
}
