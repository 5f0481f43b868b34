using ArcActors.Contracts.Licenses;

namespace ArcActors.Arm.Licenses;

/// <summary>
/// A validated license request body. For a PUT every writable property is set and <see cref="Location"/>
/// is present; for a PATCH each null member is left unchanged. Enum values are in canonical spelling.
/// </summary>
public sealed record LicenseRequest(string? Location, IReadOnlyDictionary<string, string>? Tags, LicensePatch Properties)
{
    /// <summary>Returns the properties of a validated PUT; throws when a writable property is missing.</summary>
    public LicenseProperties ToProperties()
    {
        var properties = Properties;
        if (properties.BillingPlan is null || properties.PhysicalCores is null || properties.LicenseCategory is null
            || properties.ScopeType is null || properties.ActivationState is null)
        {
            throw new InvalidOperationException("The request is a PATCH with some properties missing; validate it with LicenseValidation.ValidatePut.");
        }

        return new LicenseProperties(
            properties.BillingPlan, properties.PhysicalCores.Value, properties.LicenseCategory, properties.ScopeType, properties.ActivationState);
    }
}
