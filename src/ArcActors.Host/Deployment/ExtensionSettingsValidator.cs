using ArcActors.Contracts;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Deployment;

/// <summary>
/// Checks proposed extension settings before the deployer applies them. The settings are checked as a
/// whole, because an update replaces every setting: a field the update leaves out takes its default.
/// </summary>
public static class ExtensionSettingsValidator
{
    /// <summary>
    /// Returns the first rule <paramref name="proposed"/> breaks, or null when the settings are valid.
    /// <paramref name="current"/> only picks the error that matches what the caller changed: switching to
    /// LicenseOnly while ESU stays on gets <see cref="DeploymentErrorCodes.LicenseOnlyWhileEsuEnabled"/>,
    /// turning ESU on with LicenseOnly gets <see cref="DeploymentErrorCodes.EsuRequiresPaidOrPayg"/>.
    /// </summary>
    /// <param name="proposed">The complete settings after the change.</param>
    /// <param name="current">The settings in force, or null for an installation.</param>
    public static DeploymentError? Validate(ExtensionSettings proposed, ExtensionSettings? current = null)
    {
        ArgumentNullException.ThrowIfNull(proposed);

        return LicenseTypeError(proposed)
            ?? EsuError(proposed, current)
            ?? PhysicalCoreLicenseError(proposed)
            ?? PaygConsentError(proposed)
            ?? FeatureFlagError(proposed)
            ?? ExcludedInstanceError(proposed);
    }

    private static DeploymentError? LicenseTypeError(ExtensionSettings proposed)
    {
        if (LicenseTypes.All.Contains(proposed.LicenseType, StringComparer.Ordinal))
        {
            return null;
        }

        var sameIgnoringCase = LicenseTypes.All.FirstOrDefault(type => string.Equals(type, proposed.LicenseType, StringComparison.OrdinalIgnoreCase));
        var fix = sameIgnoringCase is null
            ? "use PAYG, Paid or LicenseOnly"
            : $"spell it '{sameIgnoringCase}'";
        return new DeploymentError(
            DeploymentErrorCodes.InvalidLicenseType,
            $"LicenseType '{NameRules.Shorten(proposed.LicenseType)}' is invalid; {fix}.");
    }

    private static DeploymentError? EsuError(ExtensionSettings proposed, ExtensionSettings? current)
    {
        if (!proposed.EnableExtendedSecurityUpdates || LicenseTypes.IsPaidOrPayg(proposed.LicenseType))
        {
            return null;
        }

        var switchedToLicenseOnly = current is { EnableExtendedSecurityUpdates: true }
            && current.LicenseType != proposed.LicenseType;
        return switchedToLicenseOnly
            ? new DeploymentError(
                DeploymentErrorCodes.LicenseOnlyWhileEsuEnabled,
                $"LicenseType '{proposed.LicenseType}' is rejected while enableExtendedSecurityUpdates is true; "
                + "set enableExtendedSecurityUpdates to false in the same update, or keep LicenseType PAYG or Paid.")
            : new DeploymentError(
                DeploymentErrorCodes.EsuRequiresPaidOrPayg,
                $"enableExtendedSecurityUpdates true needs LicenseType PAYG or Paid, but LicenseType is '{proposed.LicenseType}'; "
                + "change LicenseType to PAYG or Paid, or set enableExtendedSecurityUpdates to false.");
    }

    private static DeploymentError? PhysicalCoreLicenseError(ExtensionSettings proposed) =>
        proposed.UsePhysicalCoreLicense && !LicenseTypes.IsPaidOrPayg(proposed.LicenseType)
            ? new DeploymentError(
                DeploymentErrorCodes.PhysicalCoreLicenseRequiresPaidOrPayg,
                $"UsePhysicalCoreLicense.IsApplied true needs LicenseType PAYG or Paid, but LicenseType is '{proposed.LicenseType}'; "
                + "change LicenseType to PAYG or Paid, or set UsePhysicalCoreLicense.IsApplied to false.")
            : null;

    private static DeploymentError? PaygConsentError(ExtensionSettings proposed) =>
        proposed.ConsentToRecurringPayg && proposed.LicenseType != LicenseTypes.Payg
            ? new DeploymentError(
                DeploymentErrorCodes.PaygConsentRequiresPayg,
                $"ConsentToRecurringPAYG.Consented true is only valid with LicenseType PAYG, but LicenseType is '{proposed.LicenseType}'; "
                + "set ConsentToRecurringPAYG.Consented to false, or change LicenseType to PAYG.")
            : null;

    private static DeploymentError? FeatureFlagError(ExtensionSettings proposed)
    {
        ArgumentNullException.ThrowIfNull(proposed.FeatureFlags, nameof(proposed));

        foreach (var name in proposed.FeatureFlags.Keys)
        {
            if (FeatureFlags.Known.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            var sameIgnoringCase = FeatureFlags.Known.FirstOrDefault(flag => string.Equals(flag, name, StringComparison.OrdinalIgnoreCase));
            var fix = sameIgnoringCase is null
                ? $"remove it; the known flags are {string.Join(", ", FeatureFlags.Known)}"
                : $"spell it '{sameIgnoringCase}'";
            return new DeploymentError(
                DeploymentErrorCodes.UnknownFeatureFlag,
                $"FeatureFlags contains the unknown flag '{NameRules.Shorten(name)}'; {fix}.");
        }

        return null;
    }

    private static DeploymentError? ExcludedInstanceError(ExtensionSettings proposed)
    {
        ArgumentNullException.ThrowIfNull(proposed.ExcludedInstances, nameof(proposed));

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in proposed.ExcludedInstances)
        {
            var error = name is null ? "instance name is missing (null)." : NameRules.SqlNameError("instance", name);
            if (error is not null)
            {
                return new DeploymentError(
                    DeploymentErrorCodes.InvalidExcludedInstanceName,
                    $"ExcludedSqlInstances: {error} List instance names as SQL Server Setup accepts them, such as MSSQLSERVER or SQLEXPRESS.");
            }

            // SQL Server instance names are not case-sensitive, so two spellings name one instance.
            if (!seen.Add(name!))
            {
                return new DeploymentError(
                    DeploymentErrorCodes.DuplicateExcludedInstanceName,
                    $"ExcludedSqlInstances lists instance '{NameRules.Shorten(name!)}' more than once (names are not case-sensitive); list it once.");
            }
        }

        return null;
    }
}
