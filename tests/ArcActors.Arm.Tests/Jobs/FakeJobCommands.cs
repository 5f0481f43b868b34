using System.Collections.Concurrent;
using ArcActors.Contracts.Jobs;
using ArcActors.Contracts.Subscriptions;
using ArcActors.ReadModel;

namespace ArcActors.Arm.Tests.Jobs;

/// <summary>
/// An <see cref="IArmCommands"/> that plays the relay queue and the jobs projection: it records every job
/// command, writes the events a real queue would persist into the read store, and refuses with
/// <see cref="RefuseWith"/> when a test sets it. Writes other than jobs are not used by these tests and throw.
/// </summary>
internal sealed class FakeJobCommands(ReadStore store) : IArmCommands
{
    private readonly object _offsetLock = new();
    private long _offset;

    public ConcurrentQueue<JobCommand> Enqueued { get; } = new();

    public ConcurrentQueue<CancelJob> Cancelled { get; } = new();

    /// <summary>When set, the next job commands get this refusal code instead of being applied.</summary>
    public string? RefuseWith { get; set; }

    public void Reset()
    {
        Enqueued.Clear();
        Cancelled.Clear();
        RefuseWith = null;
    }

    /// <summary>Writes a job event into the read store as the jobs projection would.</summary>
    public void Project(object jobEvent)
    {
        lock (_offsetLock)
        {
            store.ApplyBatch("jobs", [(++_offset, jobEvent)]);
        }
    }

    public Task<JobCommandReply> EnqueueJobAsync(JobCommand command, CancellationToken cancellationToken)
    {
        Enqueued.Enqueue(command);
        if (RefuseWith is { } code)
        {
            return Task.FromResult(JobCommandReply.Of(new JobRefused(command.JobId, code, $"refused by the test with {code}")));
        }

        Project(new JobQueued(command));
        var status = new JobStatus(command, JobState.Queued, 0, command.QueuedAt, null, null, "", "");
        return Task.FromResult(JobCommandReply.Of(new JobAccepted(status)));
    }

    public Task<JobCommandReply> CancelJobAsync(CancelJob request, CancellationToken cancellationToken)
    {
        Cancelled.Enqueue(request);
        if (RefuseWith is { } code)
        {
            return Task.FromResult(JobCommandReply.Of(new JobRefused(request.JobId, code, $"refused by the test with {code}")));
        }

        var command = Enqueued.First(job => job.JobId == request.JobId);
        Project(new JobStateChanged(request.VmId, request.JobId, JobState.Cancelled, $"cancelled by {request.Caller}", "", request.At, request.Caller));
        var status = new JobStatus(command, JobState.Cancelled, 0, request.At, null, request.At, $"cancelled by {request.Caller}", "");
        return Task.FromResult(JobCommandReply.Of(new JobAccepted(status)));
    }

    public Task<ProviderRegistrations> GetProviderRegistrationsAsync(string subscriptionId, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderRegistrations(subscriptionId, 1, [Providers.ArcData, Providers.HybridCompute]));

    public Task<ProviderRegistrations> SetProviderRegistrationAsync(string subscriptionId, string providerNamespace, bool registered, string caller,
        CancellationToken cancellationToken) => throw new NotSupportedException("The job tests register no providers.");

    public Task<ArmWriteResult> PatchInstanceAsync(InstancePatch patch, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The job tests patch no instances.");

    public Task<ArmWriteResult> PatchDatabaseAsync(DatabasePatch patch, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The job tests patch no databases.");

    public Task<ArmWriteResult> WriteLicenseAsync(LicenseWrite write, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The job tests write no licenses.");

    public Task<ArmWriteResult> DeleteLicenseAsync(string resourceId, string caller, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The job tests delete no licenses.");
}
