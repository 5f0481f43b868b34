namespace ArcActors.Contracts.Licenses;

/// <summary>The writable license properties a PATCH sets; a null member is left as it is.</summary>
public sealed record LicensePatch(
    string? BillingPlan = null,
    int? PhysicalCores = null,
    string? LicenseCategory = null,
    string? ScopeType = null,
    string? ActivationState = null);
