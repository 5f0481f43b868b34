namespace ArcActors.Host.Deployment;

/// <summary>The feature flags of the extension settings, with the default each has when the settings do not list it.</summary>
public static class FeatureFlags
{
    public const string LeastPrivilege = "LeastPrivilege";
    public const string AvailabilityGroupDiscovery = "AvailabilityGroupDiscovery";
    public const string SqlFailoverClusterInstanceDiscovery = "SqlFailoverClusterInstanceDiscovery";

    public static readonly IReadOnlyList<string> Known = [LeastPrivilege, AvailabilityGroupDiscovery, SqlFailoverClusterInstanceDiscovery];

    /// <summary>
    /// Returns whether <paramref name="flag"/> is on in <paramref name="flags"/>. A flag the settings do not
    /// list takes its default: availability group discovery is on, least privilege and failover cluster
    /// instance discovery are off.
    /// </summary>
    public static bool IsOn(IReadOnlyDictionary<string, bool> flags, string flag)
    {
        ArgumentNullException.ThrowIfNull(flags);

        return flags.TryGetValue(flag, out var enabled) ? enabled : flag == AvailabilityGroupDiscovery;
    }
}
