namespace ArcActors.Simulation.Fleets;

/// <summary>A database of a fleet instance.</summary>
public sealed record FleetDatabase
{
    public required string Name { get; init; }

    /// <summary>ARM database state: Online, Restoring, Recovering, RecoveryPending, Suspect, Emergency, Offline, Copying or OfflineSecondary.</summary>
    public string State { get; init; } = "Online";

    /// <summary>Full, Bulk-logged or Simple.</summary>
    public string RecoveryMode { get; init; } = "Full";

    /// <summary>
    /// Compatibility level. 0 means the engine's default, which the parser and
    /// <see cref="ArcActors.Simulation.FleetState"/> replace with the instance version's level.
    /// </summary>
    public int CompatibilityLevel { get; init; }

    public double SizeMB { get; init; }
    public bool IsReadOnly { get; init; }
    public FleetDatabaseOptions Options { get; init; } = new();
    public DateTimeOffset? LastFullBackup { get; init; }
    public DateTimeOffset? LastLogBackup { get; init; }
    public DateTimeOffset? LastGoodCheckDb { get; init; }
}
