using ArcActors.Contracts.Jobs;

namespace ArcActors.Host.Relay;

/// <summary>A job as the host's <see cref="JobLedger"/> remembers it.</summary>
/// <param name="State">Running while a run has started and not ended (also after a crash), else the final state.</param>
/// <param name="Attempts">How many runs started.</param>
/// <param name="Acknowledged">Whether the cloud stored the final report.</param>
public sealed record LedgerEntry(
    Guid JobId,
    Guid VmId,
    JobState State,
    int Attempts,
    string Message,
    string Result,
    DateTimeOffset? EndedAt,
    bool Acknowledged)
{
    public bool HasEnded => EndedAt is not null;
}
