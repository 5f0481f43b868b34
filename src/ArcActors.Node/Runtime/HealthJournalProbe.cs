using Akka.Actor;
using Akka.Persistence;

namespace ArcActors.Node.Runtime;

/// <summary>
/// Persists one small event and deletes it again, to prove the journal accepts writes. One probe
/// runs per check and stops after its reply; a failed recovery shows as a timed-out check.
/// </summary>
public sealed class HealthJournalProbe : ReceivePersistentActor
{
    private IActorRef _replyTo = ActorRefs.Nobody;

    public HealthJournalProbe(string persistenceId)
    {
        PersistenceId = persistenceId;

        Command<Check>(_ =>
        {
            _replyTo = Sender;
            Persist("health-probe", _ => DeleteMessages(LastSequenceNr));
        });
        Command<DeleteMessagesSuccess>(_ => Reply(null));
        Command<DeleteMessagesFailure>(failure => Reply($"delete failed: {failure.Cause.Message}"));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new HealthJournalProbe(persistenceId));

    /// <summary>Starts the write.</summary>
    public sealed record Check
    {
        public static readonly Check Instance = new();
    }

    /// <summary>The outcome: <see cref="Error"/> is null when the write and the delete succeeded.</summary>
    public sealed record Result(string? Error);

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _replyTo.Tell(new Result($"write failed: {cause.Message}"));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _replyTo.Tell(new Result($"write rejected: {cause.Message}"));
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void Reply(string? error)
    {
        _replyTo.Tell(new Result(error));
        Context.Stop(Self);
    }
}
