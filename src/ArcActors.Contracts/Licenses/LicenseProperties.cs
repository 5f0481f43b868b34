namespace ArcActors.Contracts.Licenses;

/// <summary>
/// Properties of a <c>sqlServerLicenses</c> resource (api-version 2026-01-01), in the canonical spelling
/// of each enum value. The last three are read-only: the license entity sets them, never a request.
/// </summary>
/// <param name="BillingPlan">PAYG or Paid.</param>
/// <param name="PhysicalCores">Licensed physical cores: at least 16 and a multiple of 2.</param>
/// <param name="LicenseCategory">Core, the only category of the 2026-01-01 API.</param>
/// <param name="ScopeType">Tenant, Subscription or ResourceGroup.</param>
/// <param name="ActivationState">Activated or Deactivated.</param>
/// <param name="TenantId">Tenant of the license's subscription; empty while ArcActors has no tenants.</param>
public sealed record LicenseProperties(
    string BillingPlan,
    int PhysicalCores,
    string LicenseCategory,
    string ScopeType,
    string ActivationState,
    DateTimeOffset? LastActivatedAt = null,
    DateTimeOffset? LastDeactivatedAt = null,
    string TenantId = "")
{
    public const string Activated = "Activated";
    public const string Deactivated = "Deactivated";

    public bool IsActivated => string.Equals(ActivationState, Activated, StringComparison.Ordinal);
}
