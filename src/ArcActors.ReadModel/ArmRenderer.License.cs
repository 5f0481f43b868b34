using System.Text.Json.Nodes;
using ArcActors.Contracts.Licenses;

namespace ArcActors.ReadModel;

public static partial class ArmRenderer
{
    /// <summary>
    /// Renders a <c>Microsoft.AzureArcData/sqlServerLicenses</c> resource (api-version 2026-01-01) with its
    /// tags and with <c>systemData</c> naming the principals that created and last changed it.
    /// </summary>
    public static JsonObject License(LicenseResource license)
    {
        ArgumentNullException.ThrowIfNull(license);

        var properties = license.Properties;
        var rendered = new JsonObject
        {
            ["billingPlan"] = properties.BillingPlan,
            ["physicalCores"] = properties.PhysicalCores,
            ["licenseCategory"] = properties.LicenseCategory,
            ["scopeType"] = properties.ScopeType,
            ["activationState"] = properties.ActivationState,
            ["lastActivatedAt"] = Time(properties.LastActivatedAt),
            ["lastDeactivatedAt"] = Time(properties.LastDeactivatedAt),
        };

        // NOTE: ArcActors has no tenants yet, so tenantId is left out unless the entity was given one.
        if (!string.IsNullOrEmpty(properties.TenantId))
        {
            rendered["tenantId"] = properties.TenantId;
        }

        var resource = Envelope(
            ResourceIds.License(license.Scope, license.Name),
            license.Name,
            ResourceIds.LicenseType,
            LocationOf(license.Scope),
            new ResourceTimes(license.CreatedAt, license.LastModifiedAt),
            rendered);

        resource["tags"] = Tags(license.Tags);
        resource["systemData"] = LicenseSystemData(license);
        return resource;
    }

    private static JsonObject Tags(IReadOnlyDictionary<string, string> tags)
    {
        var rendered = new JsonObject();
        foreach (var (key, value) in tags.OrderBy(tag => tag.Key, StringComparer.Ordinal))
        {
            rendered[key] = value;
        }

        return rendered;
    }

    private static JsonObject LicenseSystemData(LicenseResource license) => new()
    {
        ["createdBy"] = license.CreatedBy,
        ["createdByType"] = ActorType,
        ["createdAt"] = ArmTime.Format(license.CreatedAt),
        ["lastModifiedBy"] = license.LastModifiedBy,
        ["lastModifiedByType"] = ActorType,
        ["lastModifiedAt"] = ArmTime.Format(license.LastModifiedAt),
    };
}
