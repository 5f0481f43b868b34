namespace ArcActors.Contracts.Jobs;

/// <summary>A job entered its host's queue.</summary>
public sealed record JobQueued(JobCommand Command) : IArcActorsMessage;

/// <summary>
/// A job changed state: delivered for the first time, started, ended, timed out or cancelled.
/// <see cref="Caller"/> is the host agent for reports and the principal for a cancellation.
/// </summary>
public sealed record JobStateChanged(
    Guid VmId,
    Guid JobId,
    JobState State,
    string Message,
    string Result,
    DateTimeOffset At,
    string Caller) : IArcActorsMessage;
