using ArcActors.Contracts.Jobs;

namespace ArcActors.Dps.Relay;

/// <summary>
/// The jobs of one host in queue order, and the rules for changing them. Pure state: the
/// <see cref="RelayEntity"/> persists the events these methods decide on, then applies them here.
/// </summary>
public sealed class RelayQueue
{
    /// <summary>Most jobs one host may have queued, delivered or running at once.</summary>
    public const int MaxOpenJobs = 1_000;

    /// <summary>How many ended jobs the queue keeps for <see cref="GetJobs"/>; older ones stay in the read store only.</summary>
    public const int KeptEndedJobs = 200;

    /// <summary>Largest job result the queue stores; a larger report fails the job instead.</summary>
    public const int MaxResultChars = 1 << 20;

    public static readonly TimeSpan MinTimeout = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(30);

    private readonly Dictionary<Guid, JobStatus> _jobs = new();
    private readonly List<Guid> _order = [];

    public int OpenCount => _jobs.Values.Count(job => !job.State.IsFinal());

    public IReadOnlyList<JobStatus> Jobs => _order.Select(id => _jobs[id]).ToList();

    public JobStatus? Find(Guid jobId) => _jobs.GetValueOrDefault(jobId);

    /// <summary>Returns null when <paramref name="command"/> may be queued, else why not.</summary>
    public JobRefused? Refusal(JobCommand command)
    {
        if (command.JobId == Guid.Empty)
        {
            return new JobRefused(command.JobId, "InvalidJob", "the job id is empty; give every job a new GUID.");
        }

        if (JobKinds.Find(command.Kind ?? "") is null)
        {
            return new JobRefused(command.JobId, "InvalidJob",
                $"job kind '{command.Kind}' is unknown; use one of {string.Join(", ", JobKinds.All)}.");
        }

        if (command.Timeout < MinTimeout || command.Timeout > MaxTimeout)
        {
            return new JobRefused(command.JobId, "InvalidJob",
                $"job timeout {command.Timeout} is out of range; give between {MinTimeout.TotalMinutes:0} minute and {MaxTimeout.TotalDays:0} days.");
        }

        if (_jobs.TryGetValue(command.JobId, out var existing) && !SameCommand(existing.Command, command))
        {
            return new JobRefused(command.JobId, "DuplicateJobId", $"job id {command.JobId} is already used by another job on this host; give the job a new id.");
        }

        if (existing is null && OpenCount >= MaxOpenJobs)
        {
            return new JobRefused(command.JobId, "QueueFull",
                $"host {command.VmId} already has {MaxOpenJobs} jobs that have not ended; wait for them or cancel some, then send the job again.");
        }

        return null;
    }

    /// <summary>Jobs past their timeout at <paramref name="now"/>, as the events that end them.</summary>
    public IReadOnlyList<JobStateChanged> Expired(DateTimeOffset now, string caller) =>
        _order.Select(id => _jobs[id])
            .Where(job => !job.State.IsFinal() && job.Command.QueuedAt + job.Command.Timeout <= now)
            .Select(job => new JobStateChanged(job.Command.VmId, job.Command.JobId, JobState.TimedOut,
                $"the job did not end within its timeout of {job.Command.Timeout} after it was queued at {job.Command.QueuedAt:O}; the last state was {job.State}.",
                "", now, caller))
            .ToList();

    /// <summary>The jobs a host pull carries: every job that has not ended, in queue order.</summary>
    public IReadOnlyList<JobStatus> Open() => _order.Select(id => _jobs[id]).Where(job => !job.State.IsFinal()).ToList();

    /// <summary>
    /// Decides what a host report changes: null when nothing (a repeat, or the job already ended),
    /// else the event to persist. Throws <see cref="InvalidOperationException"/> for a report the queue refuses.
    /// </summary>
    public JobStateChanged? Decide(ReportJob report, string caller)
    {
        if (!_jobs.TryGetValue(report.JobId, out var job))
        {
            throw new InvalidOperationException($"job {report.JobId} is not in the queue of host {report.VmId}; the host drops the report.");
        }

        if (job.State.IsFinal() || (job.State == JobState.Running && report.State == JobState.Running))
        {
            return null;
        }

        if (report.State is JobState.Queued or JobState.Delivered or JobState.Cancelled)
        {
            throw new InvalidOperationException($"a host may report Running, Succeeded, Failed or TimedOut, not {report.State}.");
        }

        var result = report.Result ?? "";
        if (result.Length > MaxResultChars)
        {
            return new JobStateChanged(report.VmId, report.JobId, JobState.Failed,
                $"the job's result has {result.Length} characters, above the limit of {MaxResultChars}; the result was not stored.", "", report.At, caller);
        }

        return new JobStateChanged(report.VmId, report.JobId, report.State, report.Message ?? "", result, report.At, caller);
    }

    public void Apply(JobQueued queued)
    {
        var command = queued.Command;
        if (_jobs.ContainsKey(command.JobId))
        {
            return;
        }

        _jobs[command.JobId] = new JobStatus(command, JobState.Queued, 0, command.QueuedAt, null, null, "", "");
        _order.Add(command.JobId);
    }

    public void Apply(JobStateChanged changed)
    {
        if (!_jobs.TryGetValue(changed.JobId, out var job))
        {
            return;
        }

        _jobs[changed.JobId] = job with
        {
            State = changed.State,
            UpdatedAt = changed.At,
            StartedAt = changed.State == JobState.Running ? changed.At : job.StartedAt,
            EndedAt = changed.State.IsFinal() ? changed.At : null,
            Message = changed.Message,
            Result = changed.Result,
        };
        ForgetOldEnded();
    }

    /// <summary>Counts a delivery of every open job, in memory only.</summary>
    public void CountDelivery(IEnumerable<Guid> jobIds)
    {
        foreach (var jobId in jobIds)
        {
            _jobs[jobId] = _jobs[jobId] with { Deliveries = _jobs[jobId].Deliveries + 1 };
        }
    }

    private void ForgetOldEnded()
    {
        var ended = _order.Where(id => _jobs[id].State.IsFinal()).ToList();
        foreach (var jobId in ended.Take(Math.Max(0, ended.Count - KeptEndedJobs)))
        {
            _jobs.Remove(jobId);
            _order.Remove(jobId);
        }
    }

    private static bool SameCommand(JobCommand left, JobCommand right) =>
        left.Kind == right.Kind && left.InstanceName == right.InstanceName && left.VmId == right.VmId
        && left.Parameters.Count == right.Parameters.Count
        && left.Parameters.All(pair => right.Parameters.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
