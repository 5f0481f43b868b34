using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.ReadModel;

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
    private InstanceSettings _settings = InstanceSettings.Default;

    public InstanceEntity(string entityId, IActorRef lastSeen)
    {
        PersistenceId = $"instance-{entityId}";
        _lastSeen = lastSeen;

        Recover<InstanceInventoryChanged>(_state.Apply);
        Recover<InstanceSettingsChanged>(changed => _settings = changed.Settings);
        Command<UploadInventory>(OnUpload);
        Command<PatchInstanceSettings>(OnPatch);
        Command<PatchDatabaseBackupPolicy>(OnPatchDatabase);
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

    private void OnPatch(PatchInstanceSettings patch)
    {
        if (_state.Instance is not { } instance)
        {
            Sender.Tell(new InstanceSettingsReply(false, _settings));
            return;
        }

        // A default monitoring state shows as MonitoringShown, so the diff compares against what the resource showed.
        var before = _settings with { MonitoringEnabled = _settings.MonitoringEnabled ?? patch.MonitoringShown };
        var next = new InstanceSettings(patch.BackupPolicy ?? _settings.BackupPolicy, patch.MonitoringEnabled ?? _settings.MonitoringEnabled);
        var properties = InstanceSettingsDiff.Between(before, next with { MonitoringEnabled = next.MonitoringEnabled ?? before.MonitoringEnabled });
        if (properties.Count == 0)
        {
            Sender.Tell(new InstanceSettingsReply(true, _settings));
            return;
        }

        var name = ResourceIds.InstanceName(_state.HostName, instance.InstanceName);
        var change = new ResourceChange("sqlServerInstances", name, "write", properties, patch.Caller);
        var changed = new InstanceSettingsChanged(patch.Key, _state.HostName, _state.Scope!, patch.At, next, [change]);
        var replyTo = Sender;
        Persist(new Tagged(changed, [EventTags.Inventory]), _ =>
        {
            _settings = next;
            replyTo.Tell(new InstanceSettingsReply(true, next));
        });
    }

    private void OnPatchDatabase(PatchDatabaseBackupPolicy patch)
    {
        if (_state.Instance is not { } instance || !_state.Databases.ContainsKey(patch.DatabaseName))
        {
            Sender.Tell(new InstanceSettingsReply(false, _settings));
            return;
        }

        var before = _settings.DatabaseBackupPolicies.GetValueOrDefault(patch.DatabaseName);
        var properties = InstanceSettingsDiff.BetweenPolicies(before, patch.BackupPolicy);
        if (properties.Count == 0)
        {
            Sender.Tell(new InstanceSettingsReply(true, _settings));
            return;
        }

        var policies = new Dictionary<string, BackupPolicy>(_settings.DatabaseBackupPolicies, StringComparer.Ordinal);
        if (patch.BackupPolicy is { } policy)
        {
            policies[patch.DatabaseName] = policy;
        }
        else
        {
            policies.Remove(patch.DatabaseName);
        }

        var next = _settings with { DatabaseBackupPolicies = policies };
        var name = $"{ResourceIds.InstanceName(_state.HostName, instance.InstanceName)}/{patch.DatabaseName}";
        var change = new ResourceChange("sqlServerInstances/databases", name, "write", properties, patch.Caller);
        var changed = new InstanceSettingsChanged(patch.Key, _state.HostName, _state.Scope!, patch.At, next, [change]);
        var replyTo = Sender;
        Persist(new Tagged(changed, [EventTags.Inventory]), _ =>
        {
            _settings = next;
            replyTo.Tell(new InstanceSettingsReply(true, next));
        });
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "{0}: could not persist event {1}; the entity stops and the host sends the upload again", PersistenceId, sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
