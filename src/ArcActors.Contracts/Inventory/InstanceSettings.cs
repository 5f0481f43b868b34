using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;

namespace ArcActors.Contracts.Inventory;

/// <summary>
/// The writable properties of an instance resource, set through the API and kept by the cloud side.
/// A null value means the default: no backup policy, and monitoring on where the instance is eligible.
/// </summary>
public sealed record InstanceSettings(BackupPolicy? BackupPolicy, bool? MonitoringEnabled,
    IReadOnlyDictionary<string, BackupPolicy>? DatabaseBackupPolicies = null)
{
    // Declared before Default, because static fields are initialized in text order.
    private static readonly IReadOnlyDictionary<string, BackupPolicy> NoDatabasePolicies = new Dictionary<string, BackupPolicy>(StringComparer.Ordinal);

    public static readonly InstanceSettings Default = new(null, null);

    /// <summary>
    /// Backup policies set on single databases, keyed by database name. A database's policy replaces the
    /// instance policy for that database, and retention 0 turns its backups off. Events persisted before
    /// database policies existed have no such member and read as empty.
    /// </summary>
    public IReadOnlyDictionary<string, BackupPolicy> DatabaseBackupPolicies { get; init; } = DatabaseBackupPolicies ?? NoDatabasePolicies;
}

/// <summary>
/// Changes an instance's settings; null members are left as they are. <see cref="MonitoringShown"/> is the
/// monitoring state the resource shows while the setting is still the default, so that the activity log
/// records the real old value. The reply is <see cref="InstanceSettingsReply"/>.
/// </summary>
public sealed record PatchInstanceSettings(InstanceKey Key, BackupPolicy? BackupPolicy, bool? MonitoringEnabled, DateTimeOffset At, string Caller,
    bool MonitoringShown = false) : IArcActorsMessage, IWithInstanceKey;

/// <summary>
/// Sets the backup policy of one database of the instance, or removes it when <see cref="BackupPolicy"/> is
/// null so that the instance policy applies. The reply is <see cref="InstanceSettingsReply"/>, with
/// <c>Found</c> false when the entity has no inventory of the instance or of the database.
/// </summary>
public sealed record PatchDatabaseBackupPolicy(InstanceKey Key, string DatabaseName, BackupPolicy? BackupPolicy, DateTimeOffset At, string Caller)
    : IArcActorsMessage, IWithInstanceKey;

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
