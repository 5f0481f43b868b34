namespace ArcActors.Host.Assessment;

/// <summary>Every best practices rule, by scope.</summary>
public static class AssessmentRuleSet
{
    public static IReadOnlyList<InstanceRule> InstanceRules { get; } = Assessment.InstanceRules.All;

    public static IReadOnlyList<DatabaseRule> DatabaseRules { get; } =
        [.. DatabaseOptionRules.All, .. DatabaseMaintenanceRules.All, .. DatabaseStateRules.All];

    public static IReadOnlyList<IAssessmentRule> All { get; } = [.. InstanceRules, .. DatabaseRules];
}
