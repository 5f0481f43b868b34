using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Privileges;

namespace ArcActors.Host.Deployment;

/// <summary>Maps extension settings to the <see cref="ExtensionFeature"/>s whose permissions least privilege grants.</summary>
public static class ExtensionFeatureMap
{
    /// <summary>
    /// Returns the features the settings turn on. Migration assessment is always on, because it is on by
    /// default and the settings have no field for it. Availability group discovery follows its feature
    /// flag, which is on when the settings leave it out.
    /// </summary>
    /// <remarks>
    /// NOTE: automated backups, best practices assessment and Purview are off by default and the extension
    /// settings have no field for them, so this map never returns them. Code that turns one on for an
    /// instance must plan its grants with LeastPrivilegePlanner.PlanChange.
    /// </remarks>
    public static IReadOnlySet<ExtensionFeature> From(ExtensionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        var features = new HashSet<ExtensionFeature> { ExtensionFeature.MigrationAssessment };
        if (FeatureFlags.IsOn(settings.FeatureFlags, FeatureFlags.AvailabilityGroupDiscovery))
        {
            features.Add(ExtensionFeature.AvailabilityGroupDiscovery);
        }

        return features;
    }

    /// <summary>Returns the features whose grants the principal must hold, or null when the LeastPrivilege flag is off.</summary>
    public static IReadOnlySet<ExtensionFeature>? LeastPrivilegeFeatures(ExtensionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        return FeatureFlags.IsOn(settings.FeatureFlags, FeatureFlags.LeastPrivilege) ? From(settings) : null;
    }
}
