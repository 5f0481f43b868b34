namespace ArcActors.ApiBench;

/// <summary>Figures of the measured GETs by id.</summary>
public sealed record GetResult(int Clients, int Requests, int Failures, TimeSpan Elapsed, LatencySummary Latency)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}
