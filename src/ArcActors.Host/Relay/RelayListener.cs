using Akka.Actor;
using Akka.Event;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Jobs;

namespace ArcActors.Host.Relay;

/// <summary>
/// Pulls the host's relay jobs over the outbound link and runs each in its own
/// <see cref="CommandActor"/>. The <see cref="JobLedger"/> makes it safe to receive a job again:
/// a job that ended is not run again (its report is sent again instead), a job that runs is not
/// started twice, and a job cut off by a crash runs again with a higher attempt number. Final
/// reports are sent again on every pull until the cloud acknowledges them.
/// </summary>
public sealed class RelayListener : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Guid _vmId;
    private readonly IActorRef _link;
    private readonly JobLedger _ledger;
    private readonly IReadOnlyDictionary<string, IJobHandler> _handlers;
    private readonly IDiscoverySource _source;
    private readonly RelaySettings _settings;
    private readonly TimeProvider _clock;
    private readonly Dictionary<Guid, IActorRef> _running = new();
    private readonly HashSet<string> _loggedRejections = [];
    private readonly Dictionary<Guid, Guid> _finalReports = new();
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    public RelayListener(
        Guid vmId, IActorRef link, JobLedger ledger, IReadOnlyDictionary<string, IJobHandler> handlers, IDiscoverySource source, RelaySettings settings, TimeProvider clock)
    {
        _vmId = vmId;
        _link = link;
        _ledger = ledger;
        _handlers = new Dictionary<string, IJobHandler>(handlers, StringComparer.OrdinalIgnoreCase);
        _source = source;
        _settings = settings;
        _clock = clock;

        Receive<Poll>(_ => OnPoll());
        Receive<JobsDelivery>(OnDelivery);
        Receive<CommandActor.JobEnded>(OnEnded);
        Receive<JobReportAccepted>(OnReportAccepted);
        Receive<UploadRejected>(OnRejected);
        Receive<Terminated>(OnTerminated);
    }

    /// <summary>Code of the relay queue's refusal of a report it cannot apply.</summary>
    public const string InvalidJobReportCode = "InvalidJobReport";

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(
        Guid vmId, IActorRef link, JobLedger ledger, IReadOnlyDictionary<string, IJobHandler> handlers, IDiscoverySource source, RelaySettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new RelayListener(vmId, link, ledger, handlers, source, settings, clock));

    protected override void PreStart() => Timers.StartPeriodicTimer(nameof(Poll), Poll.Instance, TimeSpan.Zero, _settings.PollInterval);

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private void OnPoll()
    {
        foreach (var entry in _ledger.Unacknowledged(_vmId))
        {
            SendReport(entry.JobId, entry.State, entry.Message, entry.Result);
        }

        // The ledger keeps ended jobs for 30 days, so pruning once an hour is enough; every poll would be one DELETE per host.
        var now = _clock.GetUtcNow();
        if (now - _lastPrune >= TimeSpan.FromHours(1))
        {
            _ledger.Prune(now);
            _lastPrune = now;
        }

        _link.Tell(new PullJobs(Guid.NewGuid(), _vmId, _clock.GetUtcNow()));
    }

    private void OnDelivery(JobsDelivery delivery)
    {
        foreach (var job in delivery.Jobs)
        {
            if (_running.ContainsKey(job.JobId))
            {
                continue;
            }

            if (_ledger.Find(job.JobId) is { HasEnded: true } ended)
            {
                // The cloud has not stored the result yet: the report was lost, or is on its way.
                SendReport(ended.JobId, ended.State, ended.Message, ended.Result);
                continue;
            }

            if (_running.Count >= _settings.MaxConcurrentJobs)
            {
                break;
            }

            Start(job);
        }
    }

    private void Start(JobCommand job)
    {
        if (!_handlers.TryGetValue(job.Kind, out var handler))
        {
            _ledger.Start(job);
            End(job.JobId, JobOutcome.Failed(
                $"this host agent cannot run jobs of kind '{job.Kind}'; it runs {string.Join(", ", _handlers.Keys.Order(StringComparer.Ordinal))}. Update the host agent."));
            return;
        }

        var attempt = _ledger.Start(job);
        if (attempt > 1)
        {
            _log.Warning("host {0}: job {1} ({2}) starts again, attempt {3}: an earlier run was cut off", _vmId, job.JobId, job.Kind, attempt);
        }

        var actor = Context.ActorOf(CommandActor.Props(job, attempt, handler, _source, _clock), $"job-{job.JobId:N}-{attempt}");
        Context.Watch(actor);
        _running[job.JobId] = actor;
        SendReport(job.JobId, JobState.Running, attempt == 1 ? "started" : $"started again (attempt {attempt})", "");
    }

    private void OnEnded(CommandActor.JobEnded ended)
    {
        if (_running.Remove(ended.JobId, out var actor))
        {
            Context.Unwatch(actor);
        }

        End(ended.JobId, ended.Outcome);
    }

    private void End(Guid jobId, JobOutcome outcome)
    {
        _ledger.End(jobId, outcome.State, outcome.Message, outcome.Result, _clock.GetUtcNow());
        _log.Info("host {0}: job {1} ended {2}: {3}", _vmId, jobId, outcome.State, outcome.Message);
        SendReport(jobId, outcome.State, outcome.Message, outcome.Result);
    }

    private void OnTerminated(Terminated terminated)
    {
        var jobId = _running.FirstOrDefault(pair => pair.Value.Equals(terminated.ActorRef)).Key;
        if (jobId != Guid.Empty && _running.Remove(jobId))
        {
            End(jobId, JobOutcome.Failed("the command actor stopped before the job ended; see the host agent's log."));
        }
    }

    private void SendReport(Guid jobId, JobState state, string message, string result)
    {
        var report = new ReportJob(Guid.NewGuid(), _vmId, jobId, state, message, result, _clock.GetUtcNow());
        if (state.IsFinal())
        {
            _finalReports[report.ReportId] = jobId;
        }

        _link.Tell(report);
    }

    private void OnReportAccepted(JobReportAccepted accepted)
    {
        _finalReports.Remove(accepted.ReportId);
        if (accepted.State.IsFinal())
        {
            _ledger.Acknowledge(accepted.JobId);
        }
    }

    private void OnRejected(UploadRejected rejected)
    {
        // The queue no longer contains the job, because it dropped old ended jobs, so sending the report again cannot help.
        if (_finalReports.Remove(rejected.UploadId, out var jobId) && rejected.Code == InvalidJobReportCode)
        {
            _ledger.Acknowledge(jobId);
        }

        if (_loggedRejections.Add(rejected.Code))
        {
            _log.Warning("host {0}: the relay rejected a pull or report with {1}: {2}", _vmId, rejected.Code, rejected.Message);
        }
    }

    private sealed record Poll : INoSerializationVerificationNeeded
    {
        public static readonly Poll Instance = new();
    }
}
