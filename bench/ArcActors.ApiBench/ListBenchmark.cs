using System.Diagnostics;
using System.Text.Json;
using ArcActors.ReadModel;

namespace ArcActors.ApiBench;

/// <summary>Lists every database of one subscription through the generic resources list, following nextLink to the end.</summary>
public static class ListBenchmark
{
    /// <summary>Returns the first page's path and query; <paramref name="top"/> null leaves the page size to the API.</summary>
    public static string FirstPage(string subscriptionId, int? top)
    {
        var filter = Uri.EscapeDataString($"resourceType eq '{ResourceIds.DatabaseType}'");
        var topQuery = top is { } value ? $"&$top={value}" : "";
        return $"/subscriptions/{subscriptionId}/resources?api-version=2022-09-01&$filter={filter}{topQuery}";
    }

    public static async Task<ListResult> RunAsync(HttpClient client, string label, string firstPage, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var latencies = new List<double>();
        var wrongType = 0;
        var duplicates = 0;
        var pageSize = 0;
        string? next = firstPage;

        var total = Stopwatch.StartNew();
        while (next is not null)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(next, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {next} failed with {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
            }

            using var page = JsonDocument.Parse(body);
            var values = page.RootElement.GetProperty("value");
            pageSize = Math.Max(pageSize, values.GetArrayLength());
            foreach (var resource in values.EnumerateArray())
            {
                if (!ids.Add(resource.GetProperty("id").GetString()!))
                {
                    duplicates++;
                }

                if (!string.Equals(resource.GetProperty("type").GetString(), ResourceIds.DatabaseType, StringComparison.OrdinalIgnoreCase))
                {
                    wrongType++;
                }
            }

            next = page.RootElement.TryGetProperty("nextLink", out var link) ? link.GetString() : null;
        }

        total.Stop();
        return new ListResult(label, pageSize, latencies.Count, ids.Count + duplicates, duplicates, wrongType, total.Elapsed, LatencySummary.From(latencies));
    }
}
