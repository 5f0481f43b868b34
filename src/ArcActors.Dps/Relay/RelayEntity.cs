using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Jobs;

namespace ArcActors.Dps.Relay;

/// <summary>
/// The durable command queue of one host (entity id: the machine's vmId). The cloud side queues
/// jobs; the host pulls the jobs that have not ended over its outbound link and reports their
/// progress. Every change is persisted, tagged <see cref="EventTags.Jobs"/>, before it is
/// acknowledged. A job is delivered on every pull until the host reports it running, so a lost
/// delivery or a host crash only delays it. The host skips job ids it has finished. Timeouts are
/// applied whenever the queue handles a message.
/// </summary>
public sealed class RelayEntity : ReceivePersistentActor
{
    /// <summary>Caller recorded for timeouts, which no principal or host reported.</summary>
    public const string RelayCaller = "relay queue";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TimeProvider _clock;
    private readonly RelayQueue _queue = new();

    public RelayEntity(string entityId, TimeProvider clock)
    {
        _clock = clock;
        PersistenceId = $"relay-{entityId}";

        Recover<JobQueued>(_queue.Apply);
        Recover<JobStateChanged>(_queue.Apply);
        Command<EnqueueJob>(OnEnqueue);
        Command<PullJobs>(OnPull);
        Command<ReportJob>(OnReport);
        Command<CancelJob>(OnCancel);
        Command<GetJobs>(request => ExpireThen(() => Sender.Tell(new JobList(request.VmId, _queue.Jobs))));
    }

    public override string PersistenceId { get; }

    public static Props Props(string entityId, TimeProvider clock) => Akka.Actor.Props.Create(() => new RelayEntity(entityId, clock));

    private void OnEnqueue(EnqueueJob request)
    {
        var replyTo = Sender;
        ExpireThen(() =>
        {
            var command = request.Command;
            if (_queue.Refusal(command) is { } refusal)
            {
                replyTo.Tell(refusal);
                return;
            }

            if (_queue.Find(command.JobId) is { } existing)
            {
                replyTo.Tell(new JobAccepted(existing));
                return;
            }

            Persist(new Tagged(new JobQueued(command), [EventTags.Jobs]), _ =>
            {
                _queue.Apply(new JobQueued(command));
                _log.Info("host {0}: job {1} ({2} on '{3}') queued by {4}", command.VmId, command.JobId, command.Kind, command.InstanceName, command.Caller);
                replyTo.Tell(new JobAccepted(_queue.Find(command.JobId)!));
            });
        });
    }

    private void OnPull(PullJobs pull)
    {
        var replyTo = Sender;
        ExpireThen(() =>
        {
            var open = _queue.Open();
            var firstDeliveries = open.Where(job => job.State == JobState.Queued)
                .Select(job => new JobStateChanged(pull.VmId, job.Command.JobId, JobState.Delivered, "", "", _clock.GetUtcNow(), HostCaller(pull.VmId)))
                .ToList();
            PersistTagged(firstDeliveries, () =>
            {
                _queue.CountDelivery(open.Select(job => job.Command.JobId));
                replyTo.Tell(new JobsDelivery(pull.RequestId, pull.VmId, open.Select(job => job.Command).ToList()));
            });
        });
    }

    private void OnReport(ReportJob report)
    {
        var replyTo = Sender;
        ExpireThen(() =>
        {
            JobStateChanged? change;
            try
            {
                change = _queue.Decide(report, HostCaller(report.VmId));
            }
            catch (InvalidOperationException refused)
            {
                _log.Warning("host {0}: report {1} for job {2} rejected: {3}", report.VmId, report.ReportId, report.JobId, refused.Message);
                replyTo.Tell(new UploadRejected(report.ReportId, "InvalidJobReport", refused.Message));
                return;
            }

            PersistTagged(change is null ? [] : [change], () =>
                replyTo.Tell(new JobReportAccepted(report.ReportId, report.JobId, _queue.Find(report.JobId)!.State)));
        });
    }

    private void OnCancel(CancelJob cancel)
    {
        var replyTo = Sender;
        ExpireThen(() =>
        {
            var job = _queue.Find(cancel.JobId);
            var refusal = job switch
            {
                null => new JobRefused(cancel.JobId, "JobNotFound", $"Job {cancel.JobId} is not in the queue of host {cancel.VmId}; check the job id."),
                { State: JobState.Running } => new JobRefused(cancel.JobId, "JobRunning",
                    $"Job {cancel.JobId} is already running on the host and cannot be cancelled; wait for its result."),
                { State: var state } when state.IsFinal() => new JobRefused(cancel.JobId, "JobEnded", $"Job {cancel.JobId} has already ended as {state}; nothing to cancel."),
                _ => null,
            };
            if (refusal is not null)
            {
                replyTo.Tell(refusal);
                return;
            }

            var cancelled = new JobStateChanged(cancel.VmId, cancel.JobId, JobState.Cancelled, $"cancelled by {cancel.Caller}", "", cancel.At, cancel.Caller);
            PersistTagged([cancelled], () => replyTo.Tell(new JobAccepted(_queue.Find(cancel.JobId)!)));
        });
    }

    // Ends the jobs past their timeout, then runs the handler once they are stored.
    private void ExpireThen(Action handler) => PersistTagged(_queue.Expired(_clock.GetUtcNow(), RelayCaller), handler);

    private void PersistTagged(IReadOnlyList<JobStateChanged> changes, Action then)
    {
        if (changes.Count == 0)
        {
            then();
            return;
        }

        // The handler's argument is not used: the events are applied from the list, in the order they were stored.
        var applied = 0;
        PersistAll(changes.Select(change => new Tagged(change, [EventTags.Jobs])), _ =>
        {
            var change = changes[applied++];
            _queue.Apply(change);
            if (change.State.IsFinal())
            {
                _log.Info("host {0}: job {1} ended {2}: {3}", change.VmId, change.JobId, change.State, change.Message);
            }

            if (applied == changes.Count)
            {
                then();
            }
        });
    }

    private static string HostCaller(Guid vmId) => $"host agent of machine {vmId}";

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "{0}: could not persist event {1}; the entity stops and the caller may retry", PersistenceId, sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
