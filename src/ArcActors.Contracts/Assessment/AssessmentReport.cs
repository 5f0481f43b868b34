namespace ArcActors.Contracts.Assessment;

/// <summary>Result of one best practices assessment of an instance and its databases.</summary>
public sealed record AssessmentReport
{
    public required string InstanceName { get; init; }
    public required DateTimeOffset AssessedAt { get; init; }

    /// <summary>Number of rules in the rule set that ran, whether or not they found anything.</summary>
    public required int RuleCount { get; init; }

    /// <summary>Findings ordered by severity (High first), then scope, database name and rule id.</summary>
    public IReadOnlyList<AssessmentFinding> Findings { get; init; } = [];
}
