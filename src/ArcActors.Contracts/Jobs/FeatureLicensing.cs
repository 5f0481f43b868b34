namespace ArcActors.Contracts.Jobs;

/// <summary>
/// Which license types may use a feature (DOMAIN.md §4): best practices assessment, automated
/// backups, automatic updates and monitoring need Paid or PAYG; the rest work with LicenseOnly too.
/// </summary>
public static class FeatureLicensing
{
    private static readonly Dictionary<string, string> PaidFeatures = new(StringComparer.OrdinalIgnoreCase)
    {
        [JobKinds.BestPracticesAssessment] = "Best practices assessment",
        [JobKinds.Backup] = "Automated backups",
        [JobKinds.InstallUpdate] = "Automatic updates",
        ["Monitoring"] = "Monitoring",
    };

    /// <summary>
    /// Returns null when <paramref name="licenseType"/> allows the feature of <paramref name="kind"/>,
    /// else a message that names the host, the feature and the license types it needs.
    /// </summary>
    public static string? Rejection(string kind, string hostName, string licenseType)
    {
        if (!PaidFeatures.TryGetValue(kind, out var feature)
            || string.Equals(licenseType, "Paid", StringComparison.OrdinalIgnoreCase)
            || string.Equals(licenseType, "PAYG", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return $"The feature '{feature}' is not available on host '{hostName}': its license type is {licenseType}, and the feature needs Paid or PAYG. "
            + "Change the host's extension setting LicenseType to Paid or PAYG, then send the command again.";
    }

    /// <summary>Error code of a command refused by <see cref="Rejection"/>.</summary>
    public const string RejectionCode = "FeatureNeedsPaidLicense";
}
