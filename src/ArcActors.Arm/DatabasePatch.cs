using ArcActors.Contracts.Inventory;

namespace ArcActors.Arm;

/// <summary>
/// A validated PATCH of a <c>sqlServerInstances/databases</c> resource: the database's own backup policy, or
/// null to remove it so that the instance policy applies.
/// </summary>
public sealed record DatabasePatch(string ResourceId, Guid VmId, string InstanceName, string DatabaseName, BackupPolicy? BackupPolicy, string Caller);
