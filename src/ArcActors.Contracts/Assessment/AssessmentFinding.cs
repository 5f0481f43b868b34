using System.Text.Json.Serialization;

namespace ArcActors.Contracts.Assessment;

/// <summary>One problem a best practices assessment rule found on an instance or on one of its databases.</summary>
public sealed record AssessmentFinding
{
    /// <summary>Stable rule id, such as AutoShrinkOn.</summary>
    public required string RuleId { get; init; }

    public required AssessmentSeverity Severity { get; init; }
    public required AssessmentScope Scope { get; init; }
    public required string InstanceName { get; init; }

    /// <summary>Database the finding is about; empty for an instance-scope finding.</summary>
    public string DatabaseName { get; init; } = "";

    /// <summary>What was found, naming the object and the value, and what to do about it.</summary>
    public required string Message { get; init; }

    /// <summary>Public Microsoft Learn page with the guidance behind the rule.</summary>
    public required string RecommendationLink { get; init; }
}

/// <summary>How urgently a finding needs attention, from High (risk of data loss or outage) to Information.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssessmentSeverity>))]
public enum AssessmentSeverity { High, Medium, Low, Information }

/// <summary>Object a rule checks: the instance as a whole or one database.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssessmentScope>))]
public enum AssessmentScope { Instance, Database }
