namespace ArcActors.Simulation.Fleets;

/// <summary>Database options a <c>change</c> event sets. Null options keep their value.</summary>
public sealed record DatabaseOptionsChange
{
    public bool? AutoClose { get; init; }
    public bool? AutoShrink { get; init; }
    public bool? AutoCreateStats { get; init; }
    public bool? AutoUpdateStats { get; init; }
    public bool? Trustworthy { get; init; }
    public bool? Encrypted { get; init; }
    public string? PageVerify { get; init; }

    public FleetDatabaseOptions ApplyTo(FleetDatabaseOptions options) => options with
    {
        AutoClose = AutoClose ?? options.AutoClose,
        AutoShrink = AutoShrink ?? options.AutoShrink,
        AutoCreateStats = AutoCreateStats ?? options.AutoCreateStats,
        AutoUpdateStats = AutoUpdateStats ?? options.AutoUpdateStats,
        Trustworthy = Trustworthy ?? options.Trustworthy,
        Encrypted = Encrypted ?? options.Encrypted,
        PageVerify = PageVerify ?? options.PageVerify,
    };
}
