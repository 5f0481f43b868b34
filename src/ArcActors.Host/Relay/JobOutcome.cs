using ArcActors.Contracts.Jobs;

namespace ArcActors.Host.Relay;

/// <summary>How a job run ended: Succeeded, Failed or TimedOut, a message for the operator, and a result in JSON (may be empty).</summary>
public sealed record JobOutcome(JobState State, string Message, string Result)
{
    public static JobOutcome Succeeded(string message, string result = "") => new(JobState.Succeeded, message, result);

    public static JobOutcome Failed(string message) => new(JobState.Failed, message, "");
}
