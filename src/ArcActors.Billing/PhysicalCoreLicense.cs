namespace ArcActors.Billing;

/// <summary>
/// A physical core license (<c>sqlServerLicenses</c>, Enterprise only): billing plan PAYG or Paid,
/// physical cores (at least 16, a multiple of 2), scope type Tenant, Subscription or ResourceGroup,
/// and activation state Activated or Deactivated. The timestamps are the read-only
/// <c>lastActivatedAt</c> and <c>lastDeactivatedAt</c>, null when not known.
/// </summary>
public sealed record PhysicalCoreLicense(
    string Name,
    string BillingPlan,
    int PhysicalCores,
    string ScopeType,
    string ActivationState,
    DateTimeOffset? LastActivatedAt = null,
    DateTimeOffset? LastDeactivatedAt = null);
