namespace ArcActors.Simulation.Fleets;

/// <summary>Names and defaults of the extension's feature flags.</summary>
public static class FleetFeatureFlags
{
    public const string LeastPrivilege = "LeastPrivilege";
    public const string AvailabilityGroupDiscovery = "AvailabilityGroupDiscovery";
    public const string SqlFailoverClusterInstanceDiscovery = "SqlFailoverClusterInstanceDiscovery";

    public static IReadOnlyList<string> All { get; } =
        [LeastPrivilege, AvailabilityGroupDiscovery, SqlFailoverClusterInstanceDiscovery];

    /// <summary>Returns a new map of every flag at its default: only availability group discovery is on.</summary>
    public static Dictionary<string, bool> Defaults() => new(StringComparer.Ordinal)
    {
        [LeastPrivilege] = false,
        [AvailabilityGroupDiscovery] = true,
        [SqlFailoverClusterInstanceDiscovery] = false,
    };
}
