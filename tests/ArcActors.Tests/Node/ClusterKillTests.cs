using System.Diagnostics;
using System.Net.Http.Headers;
using ArcActors.Node.Commands;
using ArcActors.ReadModel;
using ArcActors.Tests.Postgres;
using Xunit;
using Xunit.Abstractions;

namespace ArcActors.Tests.Node;

/// <summary>
/// Three dps nodes and five simulated host nodes, each its own <c>arcactors node</c> process, on
/// loopback with remoting TLS and a PostgreSQL journal. One dps node is killed with SIGKILL while the
/// hosts keep running inventory cycles and usage uploads on an accelerated clock.
/// </summary>
public sealed class ClusterKillTests(ITestOutputHelper log) : IDisposable
{
    private const int DpsNodes = 3;
    private const int Hosts = 5;

    // 1200x: an inventory cycle every 3 s and a usage upload (2 simulated hours) every 6 s of real time.
    // The hosts run about 2 minutes, about 40 simulated hours, which stays under the outbox's 2-day
    // retention of acknowledged hours, so the outbox still lists every hour at the end.
    private const double ClockSpeed = 1200;
    private const string UsageUploadInterval = "2h";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ProgressTimeout = TimeSpan.FromSeconds(90);

    private readonly string _folder = TestConfig.TempFolder("cluster-kill");
    private readonly List<NodeProcess> _processes = [];

    [PostgresFact]
    public async Task Cluster_KilledDpsNodeLosesNothing()
    {
        var clock = Stopwatch.StartNew();
        using var database = PostgresDatabase.Create();
        var files = new LocalClusterFiles(_folder, DpsNodes, Hosts);
        var keys = files.EnrollHosts(database.ConnectionString);
        var token = await IssueTokenAsync(files);
        var environment = new Dictionary<string, string>
        {
            [LocalClusterFiles.JournalVariable] = database.ConnectionString,
            [LocalClusterFiles.TlsPasswordVariable] = files.TlsPassword,
        };

        var dps = Enumerable.Range(1, DpsNodes).Select(index => Start(files.WriteDpsNode(index), environment)).ToList();
        var dpsHealth = await Task.WhenAll(dps.Select(node => node.WaitForHealthAddressAsync(StartTimeout)));
        await RegisterProvidersAsync(dpsHealth[0], files.Fleet.SubscriptionId, token);
        log.WriteLine($"{clock.Elapsed}: dps nodes up, providers registered");

        var hosts = Enumerable.Range(1, Hosts).Select(index => Start(files.WriteHostNode(index, keys[index - 1], ClockSpeed, UsageUploadInterval), environment)).ToList();
        var hostHealth = await Task.WhenAll(hosts.Select(node => node.WaitForHealthAddressAsync(StartTimeout)));

        // Two usage uploads acknowledged on every host, then SIGKILL in the middle of the next cycles.
        await WaitForAcknowledgedHoursAsync(files, _ => 4, "two usage uploads before the kill");
        var acknowledgedAtKill = Enumerable.Range(1, Hosts).Select(index => LastAcknowledged(files, index)).ToList();
        var victim = dps[DpsNodes - 1];
        victim.Dispose();
        _processes.Remove(victim);
        log.WriteLine($"{clock.Elapsed}: dps-{DpsNodes} killed");

        // Three more uploads per host, which need the victim's shards to run on the survivors.
        await WaitForAcknowledgedHoursAsync(files, index => CountAcknowledgedUpTo(files, index, acknowledgedAtKill[index - 1]) + 6, "three usage uploads after the kill");
        log.WriteLine($"{clock.Elapsed}: hosts uploaded after the kill");

        var (healthStatus, healthBody) = await NodeProcess.GetHealthAsync(hostHealth[0]);
        Assert.Equal(200, healthStatus);
        Assert.StartsWith("acknowledged", (string?)healthBody!["cluster"]);
        Assert.Equal("writable", (string?)healthBody["outbox"]);

        foreach (var host in hosts)
        {
            host.SendSigterm();
        }

        foreach (var host in hosts)
        {
            Assert.True(host.WaitForExit(TimeSpan.FromSeconds(30)), "host node did not exit within 30 s of SIGTERM:\n" + host.Output);
        }

        // Every hour each host recorded is billed at most once, and exactly once when acknowledged.
        var billed = ClusterRecords.ReadBilledHours(database.ConnectionString);
        for (var index = 1; index <= Hosts; index++)
        {
            var vmId = files.Fleet.Hosts[index - 1].VmId;
            var outbox = ClusterRecords.ReadOutbox(files.OutboxPath(index));
            var billedHours = billed.Where(hour => hour.VmId == vmId).GroupBy(hour => hour.HourStart).ToDictionary(group => group.Key, group => group.Count());
            var twice = billedHours.Where(pair => pair.Value > 1).Select(pair => pair.Key).ToList();
            var unbilled = outbox.Where(hour => hour.Acknowledged && !billedHours.ContainsKey(hour.HourStart)).Select(hour => hour.HourStart).ToList();
            var unknown = billedHours.Keys.Where(hour => outbox.All(recorded => recorded.HourStart != hour)).ToList();

            Assert.True(twice.Count == 0, $"host {index}: hours billed more than once: {string.Join(", ", twice)}");
            Assert.True(unbilled.Count == 0, $"host {index}: acknowledged hours not billed: {string.Join(", ", unbilled)}");
            Assert.True(unknown.Count == 0, $"host {index}: billed hours the outbox never recorded: {string.Join(", ", unknown)}");
            Assert.Contains(billedHours.Keys, hour => hour > acknowledgedAtKill[index - 1]);
        }

        // The read store the nodes share (PostgreSQL, next to the journal) catches up with the journal and lists each resource and entry once.
        using var store = await WaitForReadStoreAsync(database.ConnectionString, billed.Select(hour => (hour.VmId, hour.HourStart)).Distinct().Count());
        var counts = store.GetCounts();
        Assert.All(Enumerable.Range(1, DpsNodes), index => Assert.False(File.Exists(Path.Combine(files.DpsData(index), "readstore.db"))));
        Assert.Equal(Hosts, counts.Machines);
        Assert.Equal(Hosts, counts.Instances);

        // Each instance entity persisted the database its host created after the kill, wherever its shard lived before.
        Assert.All(acknowledgedAtKill, hour => Assert.True(hour < files.Fleet.Start + LocalClusterFiles.DatabaseAddedAfter, $"the kill came at {hour:O}, after the database was added"));
        Assert.Equal(Hosts, counts.Databases);
        var billingKeys = store.ListBilling().Select(row => (row.VmId, row.HourStart, row.Meter)).ToList();
        Assert.Equal(billingKeys.Count, billingKeys.Distinct().Count());

        var activity = store.ListActivity();
        var duplicates = activity.GroupBy(row => (row.ResourceId, row.Time, row.Operation)).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.True(duplicates.Count == 0, "duplicate activity entries: " + string.Join(", ", duplicates));
        foreach (var instance in store.ListResources().Where(resource => ((string?)resource["type"])?.EndsWith("sqlServerInstances", StringComparison.OrdinalIgnoreCase) == true))
        {
            var id = (string)instance["id"]!;
            Assert.Contains(activity, row => string.Equals(row.ResourceId, id, StringComparison.OrdinalIgnoreCase) && row.Operation.EndsWith("sqlServerInstances/write", StringComparison.Ordinal));

            // Each instance's inventory arrived after the kill: its entity served again, wherever its shard lived before.
        }

        log.WriteLine($"{clock.Elapsed}: checked {billed.Count} billed hours and {activity.Count} activity entries");
    }

    private NodeProcess Start(string config, IReadOnlyDictionary<string, string> environment)
    {
        var node = NodeProcess.Start(config, environment);
        _processes.Add(node);
        return node;
    }

    private static async Task<string> IssueTokenAsync(LocalClusterFiles files)
    {
        // The key goes to dps-1's data folder, which the node reads when it starts.
        Directory.CreateDirectory(files.DpsData(1));
        using var output = new StringWriter();
        var scope = $"/subscriptions/{files.Fleet.SubscriptionId:D}";
        var exit = await CommandLine.RunAsync(["token", "--principal", "cluster-kill-test", "--role", "Contributor", "--scope", scope, "--data", files.DpsData(1)], output, CancellationToken.None);
        Assert.Equal(0, exit);
        return output.ToString().Trim();
    }

    // Registers both resource providers through the API of dps-1, retrying while the cluster still starts its shards.
    private static async Task RegisterProvidersAsync(Uri health, Guid subscriptionId, string token)
    {
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var provider in new[] { "Microsoft.HybridCompute", "Microsoft.AzureArcData" })
        {
            var address = new Uri(health, $"/subscriptions/{subscriptionId:D}/providers/{provider}/register?api-version=2024-01-01");
            var deadline = DateTime.UtcNow + StartTimeout;
            while (true)
            {
                using var response = await http.PostAsync(address, content: null);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"registering {provider} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private async Task WaitForAcknowledgedHoursAsync(LocalClusterFiles files, Func<int, int> expected, string what)
    {
        var targets = Enumerable.Range(1, Hosts).Select(expected).ToList();
        var deadline = DateTime.UtcNow + ProgressTimeout;
        while (true)
        {
            var acknowledged = Enumerable.Range(1, Hosts).Select(index => ClusterRecords.ReadOutbox(files.OutboxPath(index)).Count(hour => hour.Acknowledged)).ToList();
            if (acknowledged.Zip(targets).All(pair => pair.Item1 >= pair.Item2))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"{what}: acknowledged hours per host {string.Join(", ", acknowledged)}, expected {string.Join(", ", targets)} within {ProgressTimeout.TotalSeconds:0} s\n"
                + string.Join("\n---\n", _processes.Select(process => process.Output)));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private static DateTimeOffset LastAcknowledged(LocalClusterFiles files, int index) =>
        ClusterRecords.ReadOutbox(files.OutboxPath(index)).Where(hour => hour.Acknowledged).Max(hour => hour.HourStart);

    private static int CountAcknowledgedUpTo(LocalClusterFiles files, int index, DateTimeOffset hour) =>
        ClusterRecords.ReadOutbox(files.OutboxPath(index)).Count(recorded => recorded.Acknowledged && recorded.HourStart <= hour);

    private static async Task<ReadStore> WaitForReadStoreAsync(string connectionString, int billedHours)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var store = ReadStore.OpenPostgres(connectionString);
            var rows = store.ListBilling().Select(row => (row.VmId, row.HourStart)).Distinct().Count();
            if (rows >= billedHours || DateTime.UtcNow > deadline)
            {
                return store;
            }

            store.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
