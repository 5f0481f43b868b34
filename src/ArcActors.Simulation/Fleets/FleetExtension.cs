namespace ArcActors.Simulation.Fleets;

/// <summary>Extension settings of a host, with the defaults a new installation has.</summary>
public sealed record FleetExtension
{
    /// <summary>PAYG, Paid or LicenseOnly.</summary>
    public string LicenseType { get; init; } = FleetValues.Paid;

    public bool ConsentToRecurringPayg { get; init; }
    public bool UsePhysicalCoreLicense { get; init; }

    /// <summary>Extended security updates (extension setting <c>enableExtendedSecurityUpdates</c>).</summary>
    public bool Esu { get; init; }

    public IReadOnlyList<string> ExcludedInstances { get; init; } = [];

    /// <summary>Every known feature flag with its value. Flags the file leaves out keep their defaults.</summary>
    public IReadOnlyDictionary<string, bool> FeatureFlags { get; init; } = FleetFeatureFlags.Defaults();
}
