using Akka.Cluster.Sharding;
using ArcActors.Contracts.Ingress;

namespace ArcActors.Dps.Hosting;

/// <summary>Routes uploads to entities: instance uploads by instance key, machine and usage uploads by machine id.</summary>
public sealed class DpsMessageExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public override string EntityId(object message) => message switch
    {
        IWithInstanceKey keyed => keyed.Key.EntityId,
        IWithMachineId machine => machine.VmId.ToString("D"),
        _ => null!,
    };
}
