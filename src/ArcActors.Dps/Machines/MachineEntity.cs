using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using ArcActors.Billing;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.Dps.Inventory;

namespace ArcActors.Dps.Machines;

/// <summary>
/// Event-sourced entity of one OS environment: its machine resource and its hourly billing.
/// </summary>
public sealed class MachineEntity : ReceivePersistentActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly MachineState _state = new();
    private readonly IActorRef _lastSeen;
    private readonly TimeProvider _clock;

    public MachineEntity(string entityId, IActorRef lastSeen, TimeProvider clock)
    {
        PersistenceId = $"machine-{entityId}";
        _lastSeen = lastSeen;
        _clock = clock;

        Recover<MachineChanged>(_state.Apply);
        // Journals written before billing was persisted per upload hold one event per hour.
        Recover<UsageHourBilled>(_state.Apply);
        Recover<UsageBilled>(ApplyAll);
        Command<UploadMachine>(OnMachine);
        Command<UploadUsage>(OnUsage);
    }

    public override string PersistenceId { get; }

    public static Props Props(string entityId, IActorRef lastSeen, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new MachineEntity(entityId, lastSeen, clock));

    private void OnMachine(UploadMachine upload)
    {
        var changed = _state.Decide(upload);
        if (changed is null)
        {
            Sender.Tell(new UploadAccepted(upload.UploadId, 0));
            return;
        }

        var replyTo = Sender;
        Persist(new Tagged(changed, [EventTags.Machines]), _ =>
        {
            _state.Apply(changed);
            replyTo.Tell(new UploadAccepted(upload.UploadId, 1));
        });
    }

    private void OnUsage(UploadUsage upload)
    {
        // NOTE: physical core licenses are not evaluated yet, so no OS environment counts as covered by one.
        var billed = _state.Decide(upload, _clock.GetUtcNow(), LicenseCoverage.None);
        _lastSeen.Tell(new LastSeenRecorder.UsageSeen(upload.Scope, upload.VmId, upload.Records[^1].HourStart));
        if (billed.Count == 0)
        {
            Sender.Tell(new UploadAccepted(upload.UploadId, 0));
            return;
        }

        var replyTo = Sender;
        var changed = new UsageBilled(upload.VmId, _clock.GetUtcNow(), billed);
        Persist(new Tagged(changed, [EventTags.Billing]), _ =>
        {
            ApplyAll(changed);
            replyTo.Tell(new UploadAccepted(upload.UploadId, 1));
        });
    }

    private void ApplyAll(UsageBilled billed)
    {
        foreach (var hour in billed.Hours)
        {
            _state.Apply(hour);
        }
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "{0}: could not persist event {1}; the entity stops and the host sends the upload again", PersistenceId, sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
