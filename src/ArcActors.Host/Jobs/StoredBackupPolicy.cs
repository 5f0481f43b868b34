using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Jobs;

/// <summary>The backup policy the host holds for one instance, or for one database of it.</summary>
/// <param name="InstanceName">The instance as the SetBackupPolicy job named it.</param>
/// <param name="Policy">The policy; retention 0 turns automated backups off at its level.</param>
/// <param name="QueuedAt">When the cloud queued the job that delivered it; an older delivery never replaces a newer one.</param>
/// <param name="LastRetentionAt">When the host last ran the retention cleanup of the instance, or null.</param>
/// <param name="DatabaseName">The database whose own policy this is, or "" for the instance-level policy.</param>
public sealed record StoredBackupPolicy(string InstanceName, BackupPolicy Policy, DateTimeOffset QueuedAt, DateTimeOffset? LastRetentionAt,
    string DatabaseName = "");
