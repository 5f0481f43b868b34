namespace ArcActors.Bench;

/// <summary>Everything one benchmark run measured and counted.</summary>
public sealed record BenchResult(
    BenchOptions Options,
    FleetFigures Fleet,
    SimulationMeasurement Simulation,
    JournalCounts Journal,
    OutputCounts Output,
    long JournalFileBytes,
    long ReadStoreFileBytes);
