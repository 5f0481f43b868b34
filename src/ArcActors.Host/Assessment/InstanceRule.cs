using ArcActors.Contracts.Assessment;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Assessment;

/// <summary>
/// A rule over instance-level configuration. <see cref="Check"/> returns the finding's message,
/// or null when the instance passes.
/// </summary>
public sealed class InstanceRule(string id, AssessmentSeverity severity, string recommendationLink, Func<InstanceSnapshot, DateTimeOffset, string?> check)
    : IAssessmentRule
{
    public string Id => id;
    public AssessmentSeverity Severity => severity;
    public AssessmentScope Scope => AssessmentScope.Instance;
    public string RecommendationLink => recommendationLink;

    public string? Check(InstanceSnapshot instance, DateTimeOffset now) => check(instance, now);
}
