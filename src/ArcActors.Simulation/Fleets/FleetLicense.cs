namespace ArcActors.Simulation.Fleets;

/// <summary>A physical core license (<c>sqlServerLicenses</c>).</summary>
public sealed record FleetLicense
{
    public required string Name { get; init; }

    /// <summary>PAYG or Paid.</summary>
    public required string BillingPlan { get; init; }

    /// <summary>Licensed physical cores: at least 16 and even.</summary>
    public required int PhysicalCores { get; init; }

    /// <summary>Tenant, Subscription or ResourceGroup.</summary>
    public required string ScopeType { get; init; }

    /// <summary>Activated or Deactivated.</summary>
    public string ActivationState { get; init; } = FleetValues.Activated;
}
