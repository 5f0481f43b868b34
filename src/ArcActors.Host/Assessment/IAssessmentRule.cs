using ArcActors.Contracts.Assessment;

namespace ArcActors.Host.Assessment;

/// <summary>
/// One best practices check. Each rule has a stable id, one severity and one guidance page, and
/// produces at most one finding per object it checks.
/// </summary>
public interface IAssessmentRule
{
    /// <summary>Stable id such as AutoShrinkOn; callers store and filter on it.</summary>
    string Id { get; }

    AssessmentSeverity Severity { get; }
    AssessmentScope Scope { get; }

    /// <summary>Public Microsoft Learn page with the guidance behind the rule.</summary>
    string RecommendationLink { get; }
}
