using ArcActors.ReadModel;

namespace ArcActors.Arm;

/// <summary>The resource types and api-versions the API serves, grouped by provider namespace.</summary>
public static class ArmResourceTypes
{
    public const string ApiVersion = "2024-01-01";

    /// <summary>The api-version of the Microsoft.AzureArcData spec that adds <c>sqlServerLicenses</c>.</summary>
    public const string LicenseApiVersion = "2026-01-01";

    public static readonly ArmResourceType Instance = new(ResourceIds.ArcDataProvider, "sqlServerInstances", [ApiVersion]);
    public static readonly ArmResourceType Database = new(ResourceIds.ArcDataProvider, "sqlServerInstances/databases", [ApiVersion]);
    public static readonly ArmResourceType AvailabilityGroup = new(ResourceIds.ArcDataProvider, "sqlServerInstances/availabilityGroups", [ApiVersion]);

    public static readonly ArmResourceType License = new(ResourceIds.ArcDataProvider, "sqlServerLicenses", [LicenseApiVersion]);

    // NOTE: Microsoft.HybridCompute publishes its own api-versions, but machines accept the Arc data version
    // until the API serves the HybridCompute spec.
    public static readonly ArmResourceType Machine = new(ResourceIds.HybridComputeProvider, "machines", [ApiVersion]);

    public static readonly IReadOnlyList<ArmResourceType> All = [Instance, Database, AvailabilityGroup, License, Machine];

    public static readonly IReadOnlyList<string> Namespaces = [ResourceIds.ArcDataProvider, ResourceIds.HybridComputeProvider];

    /// <summary>Returns the namespace as the API spells it, or null when the API serves no such namespace.</summary>
    public static string? FindNamespace(string providerNamespace) =>
        Namespaces.FirstOrDefault(known => string.Equals(known, providerNamespace, StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns the type with this namespace and type path (case-insensitive), or null.</summary>
    public static ArmResourceType? Find(string providerNamespace, string typePath) =>
        All.FirstOrDefault(type =>
            string.Equals(type.Namespace, providerNamespace, StringComparison.OrdinalIgnoreCase)
            && string.Equals(type.TypePath, typePath, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when some served type has <paramref name="typePath"/> as its parent path.</summary>
    public static bool HasChildTypes(string providerNamespace, string typePath) =>
        All.Any(type =>
            string.Equals(type.Namespace, providerNamespace, StringComparison.OrdinalIgnoreCase)
            && type.TypePath.StartsWith(typePath + "/", StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<ArmResourceType> InNamespace(string providerNamespace) =>
        All.Where(type => string.Equals(type.Namespace, providerNamespace, StringComparison.OrdinalIgnoreCase));
}
