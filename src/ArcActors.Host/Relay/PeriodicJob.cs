using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Jobs;

namespace ArcActors.Host.Relay;

/// <summary>
/// Runs one job handler on the host by itself every <c>interval</c>, without the cloud's queue: the
/// hourly least-privilege reconciliation is one. Each run is logged. A failed run is a warning, and so is a
/// succeeded run whose result JSON carries <c>"warning": true</c>, such as a reconciliation that found drift.
/// </summary>
public sealed class PeriodicJob : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Guid _vmId;
    private readonly string _kind;
    private readonly IJobHandler _handler;
    private readonly IDiscoverySource _source;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private bool _running;

    public PeriodicJob(Guid vmId, string kind, IJobHandler handler, IDiscoverySource source, TimeSpan interval, TimeProvider clock)
    {
        _vmId = vmId;
        _kind = kind;
        _handler = handler;
        _source = source;
        _interval = interval;
        _clock = clock;

        Receive<Tick>(_ => Run());
        Receive<JobOutcome>(OnOutcome);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Guid vmId, string kind, IJobHandler handler, IDiscoverySource source, TimeSpan interval, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new PeriodicJob(vmId, kind, handler, source, interval, clock));

    protected override void PreStart() => Timers.StartPeriodicTimer(nameof(Tick), Tick.Instance, _interval, _interval);

    private void Run()
    {
        if (_running)
        {
            _log.Warning("host {0}: the periodic {1} is still running after {2}; this run is skipped", _vmId, _kind, _interval);
            return;
        }

        _running = true;
        RunAsync().PipeTo(Self);
    }

    private async Task<JobOutcome> RunAsync()
    {
        var job = new JobCommand(Guid.NewGuid(), _vmId, _kind, "", new Dictionary<string, string>(), _clock.GetUtcNow(), _interval, "host agent schedule");
        using var deadline = new CancellationTokenSource(_interval);
        try
        {
            var machine = await _source.DescribeMachineAsync(deadline.Token).ConfigureAwait(false);
            return await _handler.RunAsync(new JobRun(job, 1, machine), deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            return JobOutcome.Failed(exception.GetBaseException().Message);
        }
    }

    private void OnOutcome(JobOutcome outcome)
    {
        _running = false;
        if (outcome.State == JobState.Succeeded && HasWarning(outcome.Result))
        {
            _log.Warning("host {0}: periodic {1}: {2}", _vmId, _kind, outcome.Message);
        }
        else if (outcome.State == JobState.Succeeded)
        {
            _log.Info("host {0}: periodic {1}: {2}", _vmId, _kind, outcome.Message);
        }
        else
        {
            _log.Warning("host {0}: periodic {1} ended {2}: {3}", _vmId, _kind, outcome.State, outcome.Message);
        }
    }

    private static bool HasWarning(string result)
    {
        if (string.IsNullOrWhiteSpace(result))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(result);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("warning", out var warning)
                && warning.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed record Tick : INoSerializationVerificationNeeded
    {
        public static readonly Tick Instance = new();
    }
}
