namespace ArcActors.Simulation.Fleets;

/// <summary>Extension settings a <c>change</c> event sets. Null keys keep their value and unnamed feature flags keep theirs.</summary>
public sealed record ExtensionChange
{
    public string? LicenseType { get; init; }
    public bool? ConsentToRecurringPayg { get; init; }
    public bool? UsePhysicalCoreLicense { get; init; }
    public bool? Esu { get; init; }
    public IReadOnlyList<string>? ExcludedInstances { get; init; }
    public IReadOnlyDictionary<string, bool>? FeatureFlags { get; init; }

    public FleetExtension ApplyTo(FleetExtension extension) => extension with
    {
        LicenseType = LicenseType ?? extension.LicenseType,
        ConsentToRecurringPayg = ConsentToRecurringPayg ?? extension.ConsentToRecurringPayg,
        UsePhysicalCoreLicense = UsePhysicalCoreLicense ?? extension.UsePhysicalCoreLicense,
        Esu = Esu ?? extension.Esu,
        ExcludedInstances = ExcludedInstances ?? extension.ExcludedInstances,
        FeatureFlags = MergeFlags(extension.FeatureFlags),
    };

    private IReadOnlyDictionary<string, bool> MergeFlags(IReadOnlyDictionary<string, bool> current)
    {
        if (FeatureFlags is null)
        {
            return current;
        }

        var merged = new Dictionary<string, bool>(current, StringComparer.Ordinal);
        foreach (var (name, enabled) in FeatureFlags)
        {
            merged[name] = enabled;
        }

        return merged;
    }
}
