using ArcActors.Host.Deployment;
using ArcActors.Sql.Execution;
using ArcActors.Sql.Privileges;
using Xunit;
using static ArcActors.Tests.Deployment.LeastPrivilegeFixture;

namespace ArcActors.Tests.Deployment;

public sealed class LeastPrivilegePlansTests
{
    private static readonly ExtensionFeature[] AllFeatures = Enum.GetValues<ExtensionFeature>();

    public static TheoryData<int> FeatureSubsets()
    {
        var data = new TheoryData<int>();
        for (var mask = 0; mask < 1 << AllFeatures.Length; mask++)
        {
            data.Add(mask);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FeatureSubsets))]
    public void LeastPrivilegePlans_ToggleEachFeatureThenTurnOff(int mask)
    {
        var enabled = Subset(mask);
        var runner = new RecordingStepRunner(Principal);

        Run(runner, LeastPrivilegePlans.ForChange(null, enabled, Principal, Databases));
        Assert.True(runner.Model.HasLogin);
        Assert.Equal(LeastPrivilegePlanner.RequiredItems(enabled, Databases).Count, runner.Model.Held.Count);
        AssertFeatureGrants(runner.Model, enabled);

        foreach (var feature in AllFeatures)
        {
            var toggled = enabled.Contains(feature) ? enabled.Where(f => f != feature).ToHashSet() : [.. enabled, feature];

            Run(runner, LeastPrivilegePlans.ForChange(enabled, toggled, Principal, Databases));
            Assert.Equal(FreshModel(toggled).Order(), runner.Model.Held.Order());
            AssertFeatureGrants(runner.Model, toggled);

            Run(runner, LeastPrivilegePlans.ForChange(toggled, enabled, Principal, Databases));
            Assert.Equal(FreshModel(enabled).Order(), runner.Model.Held.Order());
        }

        Run(runner, LeastPrivilegePlans.ForChange(enabled, null, Principal, Databases));
        Assert.Empty(runner.Model.Held);
        Assert.False(runner.Model.HasLogin);
    }

    [Fact]
    public void LeastPrivilegePlans_StayingOffPlansNothing()
    {
        var plan = LeastPrivilegePlans.ForChange(null, null, Principal, Databases);

        Assert.Empty(plan.Statements);
    }

    [Fact]
    public void LeastPrivilegePlans_UnchangedFeaturesPlanNothing()
    {
        var features = new HashSet<ExtensionFeature> { ExtensionFeature.Purview };

        var plan = LeastPrivilegePlans.ForChange(features, features.ToHashSet(), Principal, Databases);

        Assert.Empty(plan.Statements);
    }

    private static HashSet<ExtensionFeature> Subset(int mask) =>
        AllFeatures.Where((_, index) => (mask & (1 << index)) != 0).ToHashSet();

    private static void Run(RecordingStepRunner runner, PrivilegePlan plan)
    {
        var results = runner.RunAsync(SqlStep.From(plan), CancellationToken.None).Result;
        Assert.All(results, result => Assert.Equal(SqlStepOutcome.Succeeded, result.Outcome));
    }

    private static HashSet<string> FreshModel(IReadOnlySet<ExtensionFeature> features)
    {
        var runner = new RecordingStepRunner(Principal);
        Run(runner, LeastPrivilegePlanner.PlanApply(features, Principal, Databases));
        return runner.Model.Held;
    }

    private static void AssertFeatureGrants(GrantModel model, IReadOnlySet<ExtensionFeature> enabled)
    {
        foreach (var (feature, entry) in EntryOnlyFeatureGrants)
        {
            Assert.True(enabled.Contains(feature) == model.Held.Contains(entry), $"{feature} is {(enabled.Contains(feature) ? "on" : "off")} but '{entry}' is {(model.Held.Contains(entry) ? "held" : "missing")}");
        }
    }
}
