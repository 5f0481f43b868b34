namespace ArcActors.Contracts.Jobs;

/// <summary>
/// Where a job is. Queued, Delivered and Running can still change; Succeeded, Failed, TimedOut and
/// Cancelled are final, and a report for a job in a final state changes nothing.
/// </summary>
public enum JobState
{
    /// <summary>Stored in the host's queue; the host has not pulled it yet.</summary>
    Queued,

    /// <summary>The host pulled it at least once and has not reported it started.</summary>
    Delivered,

    /// <summary>The host reported that a command actor runs it.</summary>
    Running,

    Succeeded,
    Failed,

    /// <summary>The job did not finish within its timeout, counted from when it was queued.</summary>
    TimedOut,

    /// <summary>Cancelled before the host started it.</summary>
    Cancelled,
}

public static class JobStates
{
    public static bool IsFinal(this JobState state) => state >= JobState.Succeeded;
}
