using System.Text.Json;

namespace ArcActors.Bench;

/// <summary>Counts taken from the simulation's output folder: billing records, resources by ARM type, and the errors summary.json reports.</summary>
public sealed record OutputCounts(long BillingRecords, long Resources, IReadOnlyDictionary<string, long> ResourcesByType, int Errors)
{
    public static OutputCounts Read(WorkFolder work)
    {
        var billingRecords = File.ReadLines(work.BillingPath).LongCount(line => line.Length > 0);
        var byType = CountResourcesByType(work.ResourcesPath);
        var errors = ReadErrors(Path.Combine(work.OutDirectory, "summary.json"));

        return new OutputCounts(billingRecords, byType.Values.Sum(), byType, errors);
    }

    private static SortedDictionary<string, long> CountResourcesByType(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var resource in document.RootElement.EnumerateArray())
        {
            var type = resource.TryGetProperty("type", out var value) ? value.GetString() ?? "" : "";
            counts[type] = counts.GetValueOrDefault(type) + 1;
        }

        return counts;
    }

    private static int ReadErrors(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("errors").GetInt32();
    }
}
