namespace ArcActors.ApiBench;

/// <summary>Percentiles of request latencies, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max)
{
    /// <summary>Summarizes latencies given in milliseconds, with nearest-rank percentiles.</summary>
    public static LatencySummary From(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0);
        }

        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double fraction)
    {
        var index = (int)Math.Ceiling(fraction * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
