namespace ArcActors.Contracts.Jobs;

/// <summary>A job and its state in the host's relay queue.</summary>
/// <param name="Deliveries">How many times a host pull carried the job.</param>
/// <param name="Message">The last progress or error message.</param>
/// <param name="Result">The job's result in JSON (for example an assessment report); empty when it has none.</param>
public sealed record JobStatus(
    JobCommand Command,
    JobState State,
    int Deliveries,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string Message,
    string Result);
