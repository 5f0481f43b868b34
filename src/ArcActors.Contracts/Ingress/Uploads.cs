using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Usage;

namespace ArcActors.Contracts.Ingress;

/// <summary>Where a host's resources live in ARM terms.</summary>
public sealed record ResourceScope(string SubscriptionId, string ResourceGroup, string Location);

/// <summary>Routes a message to the sharded entity of one SQL Server instance.</summary>
public interface IWithInstanceKey
{
    InstanceKey Key { get; }
}

/// <summary>Routes a message to the sharded entity of one machine (OS environment).</summary>
public interface IWithMachineId
{
    Guid VmId { get; }
}

/// <summary>Identity of an instance across renames: the machine id plus the instance name (case-insensitive).</summary>
public sealed record InstanceKey(Guid VmId, string InstanceName)
{
    /// <summary>Entity id used by sharding and persistence, for example <c>c1653f96-…:SALES</c>.</summary>
    public string EntityId => $"{VmId:D}:{InstanceName.ToUpperInvariant()}";
}

/// <summary>
/// One instance's inventory from one cycle: the instance, the databases whose snapshot changed
/// since the last acknowledged upload, and the full list of database names so the entity can
/// tell a dropped database from one that was not re-sent.
/// </summary>
public sealed record UploadInventory(
    Guid UploadId,
    InstanceKey Key,
    string HostName,
    ResourceScope Scope,
    DateTimeOffset CollectedAt,
    InstanceSnapshot Instance,
    IReadOnlyList<DatabaseSnapshot> ChangedDatabases,
    IReadOnlyList<string> AllDatabaseNames) : IArcActorsMessage, IWithInstanceKey;

/// <summary>The machine's own facts, sent with every inventory cycle.</summary>
public sealed record UploadMachine(
    Guid UploadId,
    ResourceScope Scope,
    DateTimeOffset CollectedAt,
    MachineSnapshot Machine,
    IReadOnlyList<string> InstanceNames) : IArcActorsMessage, IWithMachineId
{
    public Guid VmId => Machine.VmId;
}

/// <summary>Hourly usage records from a host's outbox.</summary>
public sealed record UploadUsage(
    Guid UploadId,
    Guid VmId,
    string HostName,
    ResourceScope Scope,
    IReadOnlyList<UsageRecord> Records) : IArcActorsMessage, IWithMachineId;

/// <summary>The cloud side stored the upload (or had it already); the host may forget it.</summary>
public sealed record UploadAccepted(Guid UploadId, int EventsPersisted) : IArcActorsMessage;

/// <summary>The upload was invalid or not allowed; <see cref="Code"/> is an ARM-style error code.</summary>
public sealed record UploadRejected(Guid UploadId, string Code, string Message) : IArcActorsMessage;
