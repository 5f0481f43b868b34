using System.Net.Http.Headers;
using Akka.Actor;
using ArcActors.Node.Commands;

namespace ArcActors.ClusterBench;

/// <summary>
/// The remote path: 3 dps node processes (mutual TLS remoting, one PostgreSQL journal) and one actor
/// system per host in this process, sending through ClusterClient. After the measuring window it
/// kills dps node 3 with SIGKILL and watches the load recover.
/// </summary>
public static class RemoteRun
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static async Task<(PathResult Throughput, FailoverResult? Failover)> RunAsync(
        ClusterBenchOptions options, ClusterFiles files, IReadOnlyList<BenchHost> hosts, string journal)
    {
        var keys = ClusterFiles.Enroll(hosts, journal);
        var token = await IssueTokenAsync(files);
        var environment = new Dictionary<string, string>
        {
            [ClusterFiles.ClusterJournalVariable] = journal,
            [ClusterFiles.TlsPasswordVariable] = files.TlsPassword,
        };

        var nodes = Enumerable.Range(1, ClusterFiles.DpsNodes).Select(index => NodeProcessHandle.Start(files.WriteDpsNode(index), environment)).ToList();
        try
        {
            var health = await Task.WhenAll(nodes.Select(node => node.WaitForHealthAddressAsync(StartTimeout)));
            await RegisterProvidersAsync(health[0], token);
            Console.WriteLine($"remote: {nodes.Count} dps nodes up, providers registered; starting {hosts.Count} host clients");

            await using var clients = HostClients.Start(files, hosts, keys);
            var log = new AcceptLog(hosts.Count);
            var load = new UploadLoad(hosts, options.InFlight, options.ReplyTimeout, log);
            UploadLoad.SendUpload send = (host, upload, timeout) => clients.Link(host).Ask<object>(upload, timeout);

            using var stop = new CancellationTokenSource();
            using (var machinesDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await load.SendMachinesAsync(send, machinesDeadline.Token);
        }

            var running = load.RunAsync(send, stop.Token);
            var processes = new List<(string, int)> { ("benchmark process (50 host clients)", Environment.ProcessId) };
            processes.AddRange(nodes.Select((node, index) => ($"dps-{index + 1}", node.Id)));
            var throughput = await MeasuringWindow.MeasureAsync("remote (3 dps nodes, TLS)", log, options.Warmup, options.Window, processes);

            FailoverResult? failover = null;
            if (options.Kill)
            {
                var killedAt = log.Now;
                nodes[^1].Kill();
                Console.WriteLine($"remote: dps-{nodes.Count} killed with SIGKILL");
                failover = await FailoverWatch.WatchAsync(log, killedAt, throughput.UploadsPerSecond, options.Recovery);
            }

            await stop.CancelAsync();
            await running;
            return (throughput, failover);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

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
