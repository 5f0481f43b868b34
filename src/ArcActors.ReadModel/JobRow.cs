using ArcActors.Contracts.Jobs;

namespace ArcActors.ReadModel;

/// <summary>One relay job as stored in the read store.</summary>
/// <param name="ResourceId">The instance resource the job acts on, or the machine's when the instance is unknown.</param>
/// <param name="Result">The job's result in JSON, empty when it has none.</param>
public sealed record JobRow(
    Guid JobId,
    Guid VmId,
    string InstanceName,
    string ResourceId,
    string Kind,
    JobState State,
    DateTimeOffset QueuedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    TimeSpan Timeout,
    string Caller,
    string Message,
    string Result)
{
    /// <summary>The job's parameters, such as the database and type of a backup.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}
