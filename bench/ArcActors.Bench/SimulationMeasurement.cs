namespace ArcActors.Bench;

/// <summary>Time, CPU, memory and garbage collector figures of one in-process <c>simulate</c> run.</summary>
public sealed record SimulationMeasurement
{
    public required int ExitCode { get; init; }

    /// <summary>Phase figures when the run used <see cref="ProfiledSimulation"/>, or null for a plain <c>SimulateCommand</c> run.</summary>
    public PhaseTimer? Phases { get; init; }
    public required TimeSpan WallTime { get; init; }

    /// <summary>Processor time of the whole process during the run, summed over all cores.</summary>
    public required TimeSpan CpuTime { get; init; }

    /// <summary>Working set just before the run, after a full collection, in bytes.</summary>
    public required long WorkingSetBeforeBytes { get; init; }

    /// <summary><see cref="System.Diagnostics.Process.PeakWorkingSet64"/> read after the run, in bytes. It covers the whole process lifetime.</summary>
    public required long PeakWorkingSetBytes { get; init; }

    public required long SampledPeakWorkingSetBytes { get; init; }

    /// <summary>Seconds after the start of the run at which the sampler saw the highest working set.</summary>
    public required double SampledPeakAtSeconds { get; init; }

    public required long PeakManagedHeapBytes { get; init; }
    public required long AllocatedBytes { get; init; }
    public required TimeSpan GcPauseTime { get; init; }
    public required int Gen0Collections { get; init; }
    public required int Gen1Collections { get; init; }
    public required int Gen2Collections { get; init; }
}
