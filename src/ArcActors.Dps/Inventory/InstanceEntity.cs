using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;

namespace ArcActors.Dps.Inventory;

/// <summary>
/// Event-sourced entity of one SQL Server instance, sharded over the cluster's "dps" nodes. It
/// acknowledges an upload only after its events are in the journal.
/// </summary>
public sealed class InstanceEntity : ReceivePersistentActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly InstanceState _state = new();
    private readonly IActorRef _lastSeen;

    public InstanceEntity(string entityId, IActorRef lastSeen)
    {
        PersistenceId = $"instance-{entityId}";
        _lastSeen = lastSeen;

        Recover<InstanceInventoryChanged>(_state.Apply);
        Command<UploadInventory>(OnUpload);
    }

    public override string PersistenceId { get; }

    public static Props Props(string entityId, IActorRef lastSeen) =>
        Akka.Actor.Props.Create(() => new InstanceEntity(entityId, lastSeen));

    private void OnUpload(UploadInventory upload)
    {
        var changed = _state.Decide(upload);
        _lastSeen.Tell(new LastSeenRecorder.InventorySeen(upload.Scope, upload.HostName, upload.Instance.InstanceName, upload.Key.VmId, upload.CollectedAt));
        if (changed is null)
        {
            Sender.Tell(new UploadAccepted(upload.UploadId, 0));
            return;
        }

        var replyTo = Sender;
        Persist(new Tagged(changed, [EventTags.Inventory]), _ =>
        {
            _state.Apply(changed);
            replyTo.Tell(new UploadAccepted(upload.UploadId, 1));
        });
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "{0}: could not persist event {1}; the entity stops and the host sends the upload again", PersistenceId, sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
