using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;

namespace ArcActors.Contracts.Inventory;

/// <summary>
/// The writable properties of an instance resource, set through the API and kept by the cloud side.
/// A null value means the default: no backup policy, and monitoring on where the instance is eligible.
/// </summary>
public sealed record InstanceSettings(BackupPolicy? BackupPolicy, bool? MonitoringEnabled)
{
    public static readonly InstanceSettings Default = new(null, null);
}

/// <summary>
/// Changes an instance's settings; null members are left as they are. <see cref="MonitoringShown"/> is the
/// monitoring state the resource shows while the setting is still the default, so that the activity log
/// records the real old value. The reply is <see cref="InstanceSettingsReply"/>.
/// </summary>
public sealed record PatchInstanceSettings(InstanceKey Key, BackupPolicy? BackupPolicy, bool? MonitoringEnabled, DateTimeOffset At, string Caller,
    bool MonitoringShown = false) : IArcActorsMessage, IWithInstanceKey;

/// <summary>The settings after a patch; <see cref="Found"/> is false when the entity has never received the instance's inventory.</summary>
public sealed record InstanceSettingsReply(bool Found, InstanceSettings Settings) : IArcActorsMessage;

/// <summary>Event: an instance's settings changed through the API.</summary>
public sealed record InstanceSettingsChanged(
    InstanceKey Key,
    string HostName,
    ResourceScope Scope,
    DateTimeOffset At,
    InstanceSettings Settings,
    IReadOnlyList<ResourceChange> Changes) : IArcActorsMessage;
