using ArcActors.Contracts.Ingress;

namespace ArcActors.Contracts.Jobs;

/// <summary>Adds a job to its host's queue; the reply is <see cref="JobAccepted"/> or <see cref="JobRefused"/>.</summary>
public sealed record EnqueueJob(JobCommand Command) : IArcActorsMessage, IWithMachineId
{
    public Guid VmId => Command.VmId;
}

public sealed record JobAccepted(JobStatus Status) : IArcActorsMessage;

/// <summary>A job the queue or the API would not take, with a code and a message naming the value and the fix.</summary>
public sealed record JobRefused(Guid JobId, string Code, string Message) : IArcActorsMessage;

/// <summary>Cancels a job that has not started; the reply is <see cref="JobAccepted"/> with the new state or <see cref="JobRefused"/>.</summary>
public sealed record CancelJob(Guid VmId, Guid JobId, string Caller, DateTimeOffset At) : IArcActorsMessage, IWithMachineId;

/// <summary>Requests the jobs of a host that have not ended; the reply is <see cref="JobsDelivery"/>.</summary>
public sealed record PullJobs(Guid RequestId, Guid VmId, DateTimeOffset At) : IArcActorsMessage, IWithMachineId;

public sealed record JobsDelivery(Guid RequestId, Guid VmId, IReadOnlyList<JobCommand> Jobs) : IArcActorsMessage;

/// <summary>
/// A host reports that a job started (Running) or ended (Succeeded, Failed, TimedOut). The reply is
/// <see cref="JobReportAccepted"/>; the host sends the report again until it gets one.
/// </summary>
public sealed record ReportJob(Guid ReportId, Guid VmId, Guid JobId, JobState State, string Message, string Result, DateTimeOffset At)
    : IArcActorsMessage, IWithMachineId;

/// <param name="State">The job's state after the report, which is the earlier final state when the job had already ended.</param>
public sealed record JobReportAccepted(Guid ReportId, Guid JobId, JobState State) : IArcActorsMessage;

/// <summary>Asks a host's queue for its jobs; the reply is <see cref="JobList"/>.</summary>
public sealed record GetJobs(Guid VmId) : IArcActorsMessage, IWithMachineId;

public sealed record JobList(Guid VmId, IReadOnlyList<JobStatus> Jobs) : IArcActorsMessage;
