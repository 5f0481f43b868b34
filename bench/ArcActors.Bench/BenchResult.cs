namespace ArcActors.Bench;

/// <summary>Figures of one benchmark run, measured in-process.</summary>
public sealed record BenchResult
{
    public required BenchOptions Options { get; init; }
    public required int Hosts { get; init; }
    public required int Instances { get; init; }
    public required int Databases { get; init; }
    public required int TimelineEvents { get; init; }
    public required long FleetFileBytes { get; init; }

    public required TimeSpan GenerateTime { get; init; }
    public required TimeSpan WriteTime { get; init; }
    public required TimeSpan SimulateTime { get; init; }
    public required TimeSpan SimulateCpuTime { get; init; }
    public required int ExitCode { get; init; }

    /// <summary><see cref="System.Diagnostics.Process.PeakWorkingSet64"/> after the simulation, in bytes.</summary>
    public required long PeakWorkingSetBytes { get; init; }
    public required long SampledPeakWorkingSetBytes { get; init; }
    public required double SampledPeakAtSeconds { get; init; }
    public required long PeakManagedHeapBytes { get; init; }
    public required long AllocatedBytes { get; init; }
    public required long HeapAfterRunBytes { get; init; }
    public required TimeSpan GcPauseTime { get; init; }
    public required (int Gen0, int Gen1, int Gen2) Collections { get; init; }

    public required JournalCounts Journal { get; init; }
    public required OutputCounts Output { get; init; }
    public required long JournalFileBytes { get; init; }
    public required long ReadStoreFileBytes { get; init; }
}
