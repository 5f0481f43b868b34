using System.Collections.Concurrent;
using System.Diagnostics;

namespace ArcActors.ApiBench;

/// <summary>GETs random database ids from several concurrent clients, each sending one request at a time.</summary>
public static class GetBenchmark
{
    public const string ApiVersion = "2024-01-01";

    public static async Task<GetResult> RunAsync(IReadOnlyList<HttpClient> clients, IReadOnlyList<string> ids, int requests, int seed, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double[]>();
        var failures = 0;
        var perClient = SplitEvenly(requests, clients.Count);

        var total = Stopwatch.StartNew();
        var tasks = clients.Select(async (client, index) =>
        {
            var own = new double[perClient[index]];
            var random = new Random(unchecked(seed + index));
            for (var i = 0; i < own.Length; i++)
            {
                var id = ids[random.Next(ids.Count)];
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync($"{id}?api-version={ApiVersion}", cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                own[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }

            latencies.Add(own);
        });
        await Task.WhenAll(tasks);
        total.Stop();

        var all = latencies.SelectMany(values => values).ToList();
        return new GetResult(clients.Count, all.Count, failures, total.Elapsed, LatencySummary.From(all));
    }

    private static int[] SplitEvenly(int total, int parts) =>
        Enumerable.Range(0, parts).Select(part => total / parts + (part < total % parts ? 1 : 0)).ToArray();
}
