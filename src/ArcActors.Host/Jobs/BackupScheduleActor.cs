using Akka.Actor;
using Akka.Event;

namespace ArcActors.Host.Jobs;

/// <summary>
/// Runs a host's automated backups: every <see cref="BackupScheduleSettings.TickInterval"/> it runs one
/// <see cref="BackupScheduleRunner"/> pass at the clock's time. A pass still running when the next tick
/// comes makes the tick wait for the one after. A rejected instance (failover cluster instance, AG replica,
/// LicenseOnly) is logged once, and again only when the reason changes or after it was accepted in between.
/// </summary>
public sealed class BackupScheduleActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Guid _vmId;
    private readonly BackupScheduleRunner _runner;
    private readonly BackupScheduleSettings _settings;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, string> _reportedProblems = new(StringComparer.OrdinalIgnoreCase);
    private List<IActorRef> _waiting = [];
    private List<IActorRef> _waitingForNext = [];
    private bool _running;

    public BackupScheduleActor(Guid vmId, BackupScheduleRunner runner, BackupScheduleSettings settings, TimeProvider clock)
    {
        _vmId = vmId;
        _runner = runner;
        _settings = settings;
        _clock = clock;

        Receive<Tick>(_ => OnTick());
        Receive<RunPass>(_ => OnRunPass());
        Receive<PassEnded>(OnPassEnded);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Guid vmId, BackupScheduleRunner runner, BackupScheduleSettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new BackupScheduleActor(vmId, runner, settings, clock));

    protected override void PreStart() => Timers.StartPeriodicTimer(nameof(Tick), Tick.Instance, _settings.TickInterval, _settings.TickInterval);

    private void OnTick()
    {
        if (!_running)
        {
            Start();
        }
    }

    // A requested pass reads the clock after the request, so while a pass runs the request waits for the next one.
    private void OnRunPass()
    {
        if (_running)
        {
            _waitingForNext.Add(Sender);
            return;
        }

        _waiting.Add(Sender);
        Start();
    }

    private void Start()
    {
        _running = true;
        RunAsync(_settings.TickInterval * 10).PipeTo(Self);
    }

    private async Task<PassEnded> RunAsync(TimeSpan deadline)
    {
        // NOTE: the deadline stops waiting between steps; a BACKUP already sent runs to its end on the server.
        using var cancellation = new CancellationTokenSource(deadline);
        try
        {
            return new PassEnded(await _runner.RunAsync(_clock.GetUtcNow(), cancellation.Token).ConfigureAwait(false), null);
        }
        catch (Exception exception)
        {
            return new PassEnded(null, exception.GetBaseException().Message);
        }
    }

    private void OnPassEnded(PassEnded ended)
    {
        _running = false;
        if (ended.Result is null)
        {
            _log.Warning("host {0}: the automated backup pass failed and runs again at the next tick: {1}", _vmId, ended.Error);
        }
        else
        {
            foreach (var instance in ended.Result.Instances)
            {
                Report(instance);
            }
        }

        object reply = ended.Result is null ? new Status.Failure(new InvalidOperationException(ended.Error)) : ended.Result;
        foreach (var waiting in _waiting)
        {
            waiting.Tell(reply);
        }

        (_waiting, _waitingForNext) = (_waitingForNext, []);
        if (_waiting.Count > 0)
        {
            Start();
        }
    }

    private void Report(InstanceBackupOutcome outcome)
    {
        var problem = outcome.Rejection ?? outcome.Error;
        if (problem is null)
        {
            _reportedProblems.Remove(outcome.InstanceName);
        }
        else if (!_reportedProblems.TryGetValue(outcome.InstanceName, out var reported) || reported != problem)
        {
            _reportedProblems[outcome.InstanceName] = problem;
            var template = outcome.Rejection is not null
                ? "host {0} instance {1}: no automated backups: {2}"
                : "host {0} instance {1}: automated backups could not run: {2}";
            _log.Warning(template, _vmId, outcome.InstanceName, problem);
            if (outcome.Rejection is not null)
            {
                Context.System.EventStream.Publish(new BackupRejectionLogged(_vmId, outcome.InstanceName, problem));
            }
        }

        foreach (var failure in outcome.Failures)
        {
            _log.Warning("host {0} instance {1}: {2}", _vmId, outcome.InstanceName, failure);
        }

        if (outcome.Taken.Count > 0)
        {
            _log.Info("host {0} instance {1}: {2} automated backups taken: {3}", _vmId, outcome.InstanceName, outcome.Taken.Count,
                string.Join(", ", outcome.Taken.Select(statement => $"{statement.Kind} of {statement.Database}")));
        }

        if (outcome.Retention is not null)
        {
            _log.Info("host {0} instance {1}: {2}", _vmId, outcome.InstanceName, outcome.Retention);
        }
    }

    /// <summary>Runs a pass now, or right after the running one ends, and replies with its <see cref="BackupPassResult"/> (a <see cref="Status.Failure"/> when it failed).</summary>
    public sealed record RunPass : INoSerializationVerificationNeeded
    {
        public static readonly RunPass Instance = new();
    }

    private sealed record PassEnded(BackupPassResult? Result, string? Error) : INoSerializationVerificationNeeded;

    private sealed record Tick : INoSerializationVerificationNeeded
    {
        public static readonly Tick Instance = new();
    }
}
