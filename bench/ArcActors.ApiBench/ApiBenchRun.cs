using System.Net;
using ArcActors.Arm;
using ArcActors.Contracts.Ingress;
using ArcActors.ReadModel;

namespace ArcActors.ApiBench;

/// <summary>One benchmark run: fill the read store, start the API, list, then GET by id.</summary>
public static class ApiBenchRun
{
    public const string ReadStoreFileName = "read.db";

    // The listed subscription, and a second one with 1,000 databases whose id sorts before it.
    private static readonly ResourceScope ListedScope = new("6f1c2a4e-5b7d-4e8f-9a0b-1c2d3e4f5a6b", "apibench", "westeurope");
    private static readonly ResourceScope OtherScope = new("0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d", "apibench-other", "westeurope");

    /// <summary>Runs the benchmark, writes progress and the report to <paramref name="output"/>, and returns the exit code.</summary>
    public static async Task<int> RunAsync(ApiBenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = PrepareFolder(options.WorkDirectory);
        var other = new BenchFleet(OtherScope, 1_000, HostOffset: 0);
        var listed = new BenchFleet(ListedScope, options.Databases, HostOffset: other.Hosts);

        using var store = ReadStore.Open(Path.Combine(folder, ReadStoreFileName));
        var fillTime = StoreFiller.Fill(store, [other, listed], output);

        await using var api = ArmApi.Build(new ArmApiOptions { Store = store, DataFolder = folder, ListenAddress = IPAddress.Loopback, Port = 0 });
        await api.StartAsync(cancellationToken);
        output.WriteLine($"ARM API listening on {api.BaseAddress}");

        var clients = Enumerable.Range(0, options.Clients).Select(_ => BenchClients.Create(api.BaseAddress!, api.CertificateThumbprint)).ToList();
        try
        {
            var lists = new List<ListResult>
            {
                await ListBenchmark.RunAsync(clients[0], "default page size", ListBenchmark.FirstPage(ListedScope.SubscriptionId, top: null), cancellationToken),
                await ListBenchmark.RunAsync(clients[0], "$top=1000", ListBenchmark.FirstPage(ListedScope.SubscriptionId, top: 1000), cancellationToken),
            };

            var ids = DatabaseIds(listed);
            await GetBenchmark.RunAsync(clients, ids, options.WarmupGets, unchecked(options.Seed - 1), cancellationToken);
            var gets = await GetBenchmark.RunAsync(clients, ids, options.Gets, options.Seed, cancellationToken);

            ApiBenchReport.Write(options, fillTime, lists, gets, output);
            var problems = ApiBenchReport.FindProblems(options.Databases, lists, gets);
            foreach (var problem in problems)
            {
                output.WriteLine($"FAILED: {problem}");
            }

            return problems.Count == 0 ? 0 : 1;
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    private static string PrepareFolder(string workDirectory)
    {
        var folder = Path.GetFullPath(workDirectory);
        var storePath = Path.Combine(folder, ReadStoreFileName);
        if (File.Exists(storePath))
        {
            throw new ApiBenchArgumentException($"work folder {folder} already contains {storePath} from an earlier run; delete the folder or pass another --work.");
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    private static List<string> DatabaseIds(BenchFleet fleet) =>
        Enumerable.Range(0, fleet.Instances)
            .SelectMany(instance => Enumerable.Range(0, fleet.DatabasesOf(instance)).Select(database => fleet.DatabaseId(instance, database)))
            .ToList();
}
