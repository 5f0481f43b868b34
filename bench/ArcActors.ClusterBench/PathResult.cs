namespace ArcActors.ClusterBench;

/// <summary>Figures of one path over its measuring window.</summary>
/// <param name="CpuPercent">CPU use over the window by process name, in percent of one core.</param>
public sealed record PathResult(
    string Name,
    double WindowSeconds,
    int Accepted,
    long Rejected,
    long Timeouts,
    long EventsPersisted,
    IReadOnlyList<(string Process, double Percent)> CpuPercent)
{
    public double UploadsPerSecond => Accepted / WindowSeconds;

    /// <summary>Replies per second, accepted or rejected.</summary>
    public double RepliesPerSecond => (Accepted + Rejected) / WindowSeconds;
}
