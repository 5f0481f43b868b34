using Akka.Actor;
using Akka.Event;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Agent;

/// <summary>
/// One database of one instance, which reads the database's details when asked. A failed read is
/// reported as the last known snapshot marked with the error and retried with backoff, so one
/// unreadable database never holds up its siblings.
/// </summary>
public sealed class DatabaseActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IDiscoverySource _source;
    private readonly InstanceLocation _instance;
    private readonly HostAgentSettings _settings;
    private DatabaseSnapshot? _lastGood;
    private int _failures;

    // A plain scheduled message rather than IWithTimers: a host has one of these actors per
    // database, and retries are rare, so no actor should carry a timer scheduler it seldom uses.
    private ICancelable? _retry;

    /// <summary>Cycle number of a retry started by the timer, which no cycle waits for.</summary>
    private const long NoCycle = long.MinValue;

    public DatabaseActor(IDiscoverySource source, InstanceLocation instance, HostAgentSettings settings)
    {
        _source = source;
        _instance = instance;
        _settings = settings;

        Receive<ProbeDatabase>(Probe);
        Receive<Probed>(OnProbed);
        Receive<RetryProbe>(retry => Probe(new ProbeDatabase(NoCycle, retry.Entry)));
    }

    public static Props Props(IDiscoverySource source, InstanceLocation instance, HostAgentSettings settings) =>
        Akka.Actor.Props.Create(() => new DatabaseActor(source, instance, settings));

    private void Probe(ProbeDatabase request)
    {
        ProbeAsync(request, Sender).PipeTo(Self);
    }

    // A source may throw before its task starts; catching here keeps both kinds of failure in one path.
    private async Task<Probed> ProbeAsync(ProbeDatabase request, IActorRef replyTo)
    {
        try
        {
            var snapshot = await _source.ProbeDatabaseAsync(_instance, request.Entry, CancellationToken.None).ConfigureAwait(false);
            return new Probed(request, replyTo, snapshot, "");
        }
        catch (Exception exception)
        {
            return new Probed(request, replyTo, null, exception.GetBaseException().Message);
        }
    }

    private void OnProbed(Probed probed)
    {
        if (probed.Snapshot is not null)
        {
            _failures = 0;
            _retry?.Cancel();
            _retry = null;

            // An unchanged database keeps its earlier snapshot object, which the instance actor also
            // stores as acknowledged, so the host keeps one copy of it instead of two.
            if (probed.Snapshot != _lastGood)
            {
                _lastGood = probed.Snapshot;
            }

            Reply(probed, _lastGood!);
            return;
        }

        _failures++;
        var delay = Backoff.Delay(_failures, _settings.MinRetryDelay, _settings.MaxRetryDelay);
        _log.Warning("instance {0} database {1}: probe failed ({2}), retrying in {3}",
            _instance.InstanceName, probed.Request.Entry.Name, probed.Error, delay);
        _retry?.Cancel();
        _retry = Context.System.Scheduler.ScheduleTellOnceCancelable(delay, Self, new RetryProbe(probed.Request.Entry), Self);

        var marked = (_lastGood ?? new DatabaseSnapshot { Name = probed.Request.Entry.Name }) with
        {
            State = probed.Request.Entry.State,
            ProbeError = probed.Error,
        };
        Reply(probed, marked);
    }

    private static void Reply(Probed probed, DatabaseSnapshot snapshot)
    {
        // A retry started by the timer has no cycle waiting for it; the next cycle picks up the result.
        if (probed.Request.Cycle != NoCycle)
        {
            probed.ReplyTo.Tell(new DatabaseReported(probed.Request.Cycle, snapshot));
        }
    }

    protected override void PostStop() => _retry?.Cancel();

    private sealed record Probed(ProbeDatabase Request, IActorRef ReplyTo, DatabaseSnapshot? Snapshot, string Error)
        : INoSerializationVerificationNeeded;

    private sealed record RetryProbe(DatabaseEntry Entry) : INoSerializationVerificationNeeded;
}
