namespace ArcActors.Simulation.Fleets;

/// <summary>Database options, with the values a new database has.</summary>
public sealed record FleetDatabaseOptions
{
    public bool AutoClose { get; init; }
    public bool AutoShrink { get; init; }
    public bool AutoCreateStats { get; init; } = true;
    public bool AutoUpdateStats { get; init; } = true;
    public bool Trustworthy { get; init; }
    public bool Encrypted { get; init; }

    /// <summary>CHECKSUM, TORN_PAGE_DETECTION or NONE.</summary>
    public string PageVerify { get; init; } = "CHECKSUM";
}
