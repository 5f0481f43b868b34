using Akka.Actor;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Agent;

/// <summary>
/// One running inventory cycle of a <see cref="HostSupervisor"/>. The cycle has two phases: it waits
/// until every managed instance has been probed (<see cref="Unprobed"/>), then records the hour's
/// usage, and then it waits for the acknowledgements of its uploads (<see cref="Awaited"/>).
/// </summary>
internal sealed class InventoryCycle(long number, DateTimeOffset at, IActorRef replyTo)
{
    public long Number { get; } = number;
    public DateTimeOffset At { get; } = at;
    public IActorRef ReplyTo { get; } = replyTo;
    public MachineSnapshot? Machine { get; set; }
    public Guid? MachineUploadId { get; set; }
    public bool MachineSent { get; set; }
    public bool UsageRecorded { get; set; }
    public IReadOnlyList<string> InstanceNames { get; set; } = [];
    public List<UploadRejected> Rejections { get; } = [];

    /// <summary>Managed instances whose probe has not finished in this cycle.</summary>
    public HashSet<string> Unprobed { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Instances and the machine whose part of the cycle, upload included, has not finished.</summary>
    public HashSet<string> Awaited { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<InstanceSnapshot> Snapshots { get; } = [];
    public List<string> Errors { get; } = [];
    public int Databases { get; set; }
}
