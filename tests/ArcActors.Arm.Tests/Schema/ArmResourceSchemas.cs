using ArcActors.ReadModel;

namespace ArcActors.Arm.Tests.Schema;

/// <summary>Which swagger definition each resource type the API serves is validated against, one line per type.</summary>
public static class ArmResourceSchemas
{
    /// <summary>The spec folder copied next to the test assembly (see ArmSpecDirectory in the project file).</summary>
    public static string SpecFolder => Path.Combine(AppContext.BaseDirectory, "arm-spec");

    // NOTE: the spec folder holds no Microsoft.HybridCompute spec, so machines are checked only against the
    // common TrackedResource envelope (id, name, type, location, tags, systemData). Their properties are unchecked.
    public static readonly IReadOnlyList<ArmResourceSchema> All =
    [
        new(ResourceIds.InstanceType, "2024-01-01", "stable/2024-01-01/sqlServerInstances.json", "SqlServerInstance"),
        new(ResourceIds.DatabaseType, "2024-01-01", "stable/2024-01-01/sqlServerDatabases.json", "SqlServerDatabaseResource"),
        new(ResourceIds.AvailabilityGroupType, "2024-01-01", "stable/2024-01-01/sqlServerAvailabilityGroups.json", "SqlServerAvailabilityGroupResource"),
        new(ResourceIds.MachineType, "2024-01-01", "common-types/resource-management/v5/types.json", "TrackedResource"),
        new(ResourceIds.LicenseType, "2026-01-01", "stable/2026-01-01/sqlServerLicenses.json", "SqlServerLicense"),
    ];

    public static ArmResourceSchema? Find(string type) =>
        All.FirstOrDefault(schema => string.Equals(schema.Type, type, StringComparison.OrdinalIgnoreCase));
}
