using ArcActors.Contracts.Inventory;
using ArcActors.Host.Deployment;
using ArcActors.Sql.Privileges;
using Xunit;

namespace ArcActors.Tests.Deployment;

public sealed class ExtensionFeatureMapTests
{
    // Columns: LeastPrivilege flag, AvailabilityGroupDiscovery flag (null when left out), expected features (null when least privilege is off).
    public static TheoryData<bool?, bool?, ExtensionFeature[]?> Cases => new()
    {
        { null, null, null },
        { false, true, null },
        { true, null, [ExtensionFeature.AvailabilityGroupDiscovery, ExtensionFeature.MigrationAssessment] },
        { true, true, [ExtensionFeature.AvailabilityGroupDiscovery, ExtensionFeature.MigrationAssessment] },
        { true, false, [ExtensionFeature.MigrationAssessment] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExtensionFeatureMap_MapsFlagsToFeatures(bool? leastPrivilege, bool? availabilityGroups, ExtensionFeature[]? expected)
    {
        var flags = new Dictionary<string, bool>();
        if (leastPrivilege is { } lp)
        {
            flags["LeastPrivilege"] = lp;
        }

        if (availabilityGroups is { } ag)
        {
            flags["AvailabilityGroupDiscovery"] = ag;
        }

        var features = ExtensionFeatureMap.LeastPrivilegeFeatures(new ExtensionSettings { FeatureFlags = flags });

        Assert.Equal(expected?.Order(), features?.Order());
    }

    [Fact]
    public void ExtensionFeatureMap_FailoverFlagAddsNothing()
    {
        var flags = new Dictionary<string, bool> { ["SqlFailoverClusterInstanceDiscovery"] = true, ["AvailabilityGroupDiscovery"] = false };

        var features = ExtensionFeatureMap.From(new ExtensionSettings { FeatureFlags = flags });

        Assert.Equal([ExtensionFeature.MigrationAssessment], features);
    }
}
