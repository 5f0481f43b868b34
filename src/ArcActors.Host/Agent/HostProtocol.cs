using ArcActors.Contracts.Ingress;
using Akka.Actor;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Agent;

/// <summary>Runs one inventory cycle now; the sender gets <see cref="InventoryCycleCompleted"/>.</summary>
public sealed record RunInventoryCycle(DateTimeOffset At) : INoSerializationVerificationNeeded;

/// <summary>The end of one inventory cycle of one host.</summary>
public sealed record InventoryCycleCompleted(
    Guid VmId,
    DateTimeOffset At,
    int Instances,
    int Databases,
    IReadOnlyList<string> Errors) : INoSerializationVerificationNeeded;

/// <summary>Uploads the pending usage records now; the sender gets <see cref="UsageUploadCompleted"/>.</summary>
/// <param name="IncludeOpenHour">Also send the record of the hour that is still running (a partial hour bills as a full hour).</param>
public sealed record UploadUsageNow(DateTimeOffset At, bool IncludeOpenHour) : INoSerializationVerificationNeeded;

public sealed record UsageUploadCompleted(Guid VmId, int Records, string Error) : INoSerializationVerificationNeeded;

/// <summary>Asks the supervisor which instance actors it runs; the reply is <see cref="RunningInstances"/>.</summary>
public sealed record GetRunningInstances : INoSerializationVerificationNeeded
{
    public static readonly GetRunningInstances Instance = new();
}

public sealed record RunningInstances(IReadOnlyDictionary<string, IActorRef> Instances) : INoSerializationVerificationNeeded;

/// <summary>Collects one instance in the cycle <see cref="Cycle"/>.</summary>
internal sealed record CollectInventory(long Cycle, DateTimeOffset At, string HostName) : INoSerializationVerificationNeeded;

/// <summary>
/// An instance was probed in the cycle <see cref="Cycle"/>, and its upload may still wait for an
/// acknowledgement. Sent only after a successful probe, because a failed probe ends the instance's
/// part of the cycle at once with <see cref="InstanceCycleDone"/>.
/// </summary>
internal sealed record InstanceProbeFinished(long Cycle, string InstanceName, InstanceSnapshot Snapshot) : INoSerializationVerificationNeeded;

/// <summary>
/// An instance finished its part of a cycle; <see cref="Snapshot"/> is null when its probe failed, and
/// <see cref="Rejection"/> is set when the cloud side rejected its inventory upload.
/// </summary>
internal sealed record InstanceCycleDone(long Cycle, string InstanceName, InstanceSnapshot? Snapshot, int Databases, string Error,
    UploadRejected? Rejection = null) : INoSerializationVerificationNeeded;

/// <summary>Reads one database in the cycle <see cref="Cycle"/>.</summary>
internal sealed record ProbeDatabase(long Cycle, DatabaseEntry Entry) : INoSerializationVerificationNeeded;

internal sealed record DatabaseReported(long Cycle, DatabaseSnapshot Snapshot) : INoSerializationVerificationNeeded;

/// <summary>Hands an availability group snapshot to its actor, which replies with <see cref="AvailabilityGroupObserved"/>.</summary>
internal sealed record ObserveAvailabilityGroup(AvailabilityGroupSnapshot Snapshot) : INoSerializationVerificationNeeded;

internal sealed record AvailabilityGroupObserved(string Name, bool Changed) : INoSerializationVerificationNeeded;

/// <summary>Records the running instances of a finished cycle as a usage sample.</summary>
public sealed record SampleUsage(DateTimeOffset At, MachineSnapshot Machine, IReadOnlyList<InstanceSnapshot> Instances)
    : INoSerializationVerificationNeeded;
