namespace ArcActors.Simulation.Fleets;

/// <summary>Keys a <c>change</c> event sets on a database. Null keys keep their value.</summary>
public sealed record DatabaseChange
{
    public string? State { get; init; }
    public string? RecoveryMode { get; init; }
    public int? CompatibilityLevel { get; init; }
    public double? SizeMB { get; init; }
    public bool? IsReadOnly { get; init; }
    public DatabaseOptionsChange? Options { get; init; }
    public DateTimeOffset? LastFullBackup { get; init; }
    public DateTimeOffset? LastLogBackup { get; init; }
    public DateTimeOffset? LastGoodCheckDb { get; init; }

    public FleetDatabase ApplyTo(FleetDatabase database) => database with
    {
        State = State ?? database.State,
        RecoveryMode = RecoveryMode ?? database.RecoveryMode,
        CompatibilityLevel = CompatibilityLevel ?? database.CompatibilityLevel,
        SizeMB = SizeMB ?? database.SizeMB,
        IsReadOnly = IsReadOnly ?? database.IsReadOnly,
        Options = Options is null ? database.Options : Options.ApplyTo(database.Options),
        LastFullBackup = LastFullBackup ?? database.LastFullBackup,
        LastLogBackup = LastLogBackup ?? database.LastLogBackup,
        LastGoodCheckDb = LastGoodCheckDb ?? database.LastGoodCheckDb,
    };
}
