namespace ArcActors.Simulation.Fleets;

/// <summary>Keys a <c>license</c> event sets on a physical core license. Null keys keep their value.</summary>
public sealed record LicenseChange
{
    public string? BillingPlan { get; init; }
    public int? PhysicalCores { get; init; }
    public string? ScopeType { get; init; }
    public string? ActivationState { get; init; }

    public FleetLicense ApplyTo(FleetLicense license) => license with
    {
        BillingPlan = BillingPlan ?? license.BillingPlan,
        PhysicalCores = PhysicalCores ?? license.PhysicalCores,
        ScopeType = ScopeType ?? license.ScopeType,
        ActivationState = ActivationState ?? license.ActivationState,
    };
}
