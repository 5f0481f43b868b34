using System.Net.Http.Headers;
using Akka.Actor;
using ArcActors.Node.Commands;

namespace ArcActors.ClusterBench;

/// <summary>
/// The remote path: dps node processes (3, or the count of --dps-nodes) with mutual TLS remoting and
/// one PostgreSQL journal, and one actor system per host in this process, sending through
/// ClusterClient. After the measuring window it measures the path's ceiling (<see cref="CeilingRun"/>),
/// then kills the last dps node with SIGKILL under load and watches the load recover.
/// </summary>
public static class RemoteRun
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan KillWarmup = TimeSpan.FromSeconds(10);

    /// <summary>Figures of the remote path: throughput, its ceiling unless --no-ceiling, and failover unless --no-kill.</summary>
    public sealed record RemoteResult(PathResult Throughput, PathResult? Ceiling, FailoverResult? Failover);

    public static async Task<RemoteResult> RunAsync(
        ClusterBenchOptions options, ClusterFiles files, IReadOnlyList<BenchHost> hosts, string journal)
    {
        var keys = ClusterFiles.Enroll(hosts, journal);
        var token = await IssueTokenAsync(files);
        var environment = new Dictionary<string, string>
        {
            [ClusterFiles.ClusterJournalVariable] = journal,
            [ClusterFiles.TlsPasswordVariable] = files.TlsPassword,
        };

        var nodes = Enumerable.Range(1, files.DpsPorts.Count).Select(index => NodeProcessHandle.Start(files.WriteDpsNode(index), environment)).ToList();
        try
        {
            var health = await Task.WhenAll(nodes.Select(node => node.WaitForHealthAddressAsync(StartTimeout)));
            await RegisterProvidersAsync(health[0], token);
            Console.WriteLine($"remote: {Nodes(nodes.Count)} up, providers registered; starting {hosts.Count} host clients");

            await using var clients = HostClients.Start(files, hosts, keys);
            var log = new AcceptLog(hosts.Count);
            var load = new UploadLoad(hosts, options.InFlight, options.ReplyTimeout, log);
            UploadLoad.SendUpload send = (host, upload, timeout) => clients.Link(host).Ask<object>(upload, timeout);

            using (var machinesDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await load.SendMachinesAsync(send, machinesDeadline.Token);
            }

            var processes = new List<(string, int)> { ("benchmark process (50 host clients)", Environment.ProcessId) };
            processes.AddRange(nodes.Select((node, index) => ($"dps-{index + 1}", node.Id)));
            PathResult throughput;
            using (var stop = new CancellationTokenSource())
            {
                var running = load.RunAsync(send, stop.Token);
                throughput = await MeasuringWindow.MeasureAsync($"remote ({Nodes(nodes.Count)}, TLS)", log, options.Warmup, options.Window, processes);
                await stop.CancelAsync();
                await running;
            }

            var ceiling = options.Ceiling ? await CeilingRun.MeasureAsync(options, clients, hosts, processes) : null;
            FailoverResult? failover = null;
            if (options.Kill)
            {
                failover = await KillAndWatchAsync(options, nodes, load, send, log, throughput.UploadsPerSecond);
            }

            return new RemoteResult(throughput, ceiling, failover);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    // Runs the accepted load again for a short warm-up, so the kill lands in the middle of cycles, then kills the last node.
    private static async Task<FailoverResult> KillAndWatchAsync(
        ClusterBenchOptions options, List<NodeProcessHandle> nodes, UploadLoad load, UploadLoad.SendUpload send, AcceptLog log, double preKillRate)
    {
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(send, stop.Token);
        await Task.Delay(KillWarmup);
        var killedAt = log.Now;
        nodes[^1].Kill();
        Console.WriteLine($"remote: dps-{nodes.Count} killed with SIGKILL");
        var failover = await FailoverWatch.WatchAsync(log, killedAt, preKillRate, options.Recovery);
        await stop.CancelAsync();
        await running;
        return failover;
    }

    private static string Nodes(int count) => count == 1 ? "1 dps node" : $"{count} dps nodes";

    private static async Task<string> IssueTokenAsync(ClusterFiles files)
    {
        // The key goes to dps-1's data folder, which the node reads when it starts.
        Directory.CreateDirectory(files.DpsData(1));
        using var output = new StringWriter();
        var scope = $"/subscriptions/{BenchHost.SubscriptionId}";
        var exit = await CommandLine.RunAsync(["token", "--principal", "cluster-bench", "--role", "Contributor", "--scope", scope, "--data", files.DpsData(1)],
            output, CancellationToken.None);
        if (exit != 0)
        {
            throw new InvalidOperationException($"arcactors token failed with exit code {exit}: {output}");
        }

        return output.ToString().Trim();
    }

    // Registers the providers through the API of dps-1, retrying while the cluster still starts its shards.
    // The API runs on the node's own self-signed certificate on loopback, so any server certificate is accepted.
    private static async Task RegisterProvidersAsync(Uri api, string token)
    {
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var provider in ProviderNamespaces.All)
        {
            var address = new Uri(api, $"/subscriptions/{BenchHost.SubscriptionId}/providers/{provider}/register?api-version=2024-01-01");
            var deadline = DateTime.UtcNow + StartTimeout;
            while (true)
            {
                using var response = await http.PostAsync(address, content: null);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"registering {provider} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
