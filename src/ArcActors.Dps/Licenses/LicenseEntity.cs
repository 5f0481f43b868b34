using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Licenses;

namespace ArcActors.Dps.Licenses;

/// <summary>
/// Event-sourced entity of one physical core license (<c>sqlServerLicenses</c>), written through the
/// ARM API. Every command gets a <see cref="LicenseReply"/>; commands that change nothing persist nothing.
/// </summary>
public sealed class LicenseEntity : ReceivePersistentActor
{
    /// <summary>ARM error code of a PUT that names another location than the existing license's.</summary>
    public const string InvalidLocationCode = "InvalidResourceLocation";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly LicenseState _state = new();
    private readonly string _entityId;

    public LicenseEntity(string entityId)
    {
        _entityId = entityId;
        PersistenceId = LicenseIds.PersistenceId(entityId);

        Recover<LicenseWritten>(_state.Apply);
        Recover<LicenseDeleted>(_state.Apply);
        Command<PutLicense>(OnPut);
        Command<PatchLicense>(OnPatch);
        Command<DeleteLicense>(OnDelete);
        Command<GetLicense>(get => Sender.Tell(Reply(get.LicenseId, _state.License is null ? LicenseOutcome.NotFound : LicenseOutcome.Found)));
    }

    public override string PersistenceId { get; }

    public static Props Props(string entityId) => Akka.Actor.Props.Create(() => new LicenseEntity(entityId));

    private void OnPut(PutLicense put)
    {
        if (_state.LocationConflict(put) is { } conflict)
        {
            Sender.Tell(new LicenseReply(put.LicenseId, LicenseOutcome.Rejected, _state.License, InvalidLocationCode, conflict));
            return;
        }

        var outcome = _state.License is null ? LicenseOutcome.Created : LicenseOutcome.Updated;
        PersistAndReply(_state.Decide(put), put.LicenseId, outcome);
    }

    private void OnPatch(PatchLicense patch)
    {
        if (_state.License is null)
        {
            Sender.Tell(Reply(patch.LicenseId, LicenseOutcome.NotFound));
            return;
        }

        PersistAndReply(_state.Decide(patch), patch.LicenseId, LicenseOutcome.Updated);
    }

    private void OnDelete(DeleteLicense delete)
    {
        var deleted = _state.Decide(delete);
        if (deleted is null)
        {
            Sender.Tell(Reply(delete.LicenseId, LicenseOutcome.NotFound));
            return;
        }

        var replyTo = Sender;
        Persist(new Tagged(deleted, [EventTags.Licenses]), _ =>
        {
            _state.Apply(deleted);
            _log.Info("license {0}: deleted by {1}", deleted.Name, deleted.Caller);
            replyTo.Tell(Reply(delete.LicenseId, LicenseOutcome.Deleted));
        });
    }

    private void PersistAndReply(LicenseWritten? written, string licenseId, LicenseOutcome outcome)
    {
        if (written is null)
        {
            Sender.Tell(Reply(licenseId, outcome));
            return;
        }

        var replyTo = Sender;
        Persist(new Tagged(written, [EventTags.Licenses]), _ =>
        {
            _state.Apply(written);
            _log.Info("license {0}: {1} by {2}, {3}", written.Name, outcome, written.Caller, written.Properties.ActivationState);
            replyTo.Tell(Reply(licenseId, outcome));
        });
    }

    private LicenseReply Reply(string licenseId, LicenseOutcome outcome) => new(licenseId, outcome, _state.License);

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "{0} (entity {1}): could not persist event {2}; the entity stops and the caller may retry",
            PersistenceId, _entityId, sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
