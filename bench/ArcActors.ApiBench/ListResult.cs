namespace ArcActors.ApiBench;

/// <summary>Figures of one list that followed nextLink to the end.</summary>
public sealed record ListResult(string Label, int PageSize, int Pages, int Resources, int Duplicates, int WrongType, TimeSpan Elapsed, LatencySummary PageLatency)
{
    public double ResourcesPerSecond => Resources / Elapsed.TotalSeconds;
}
