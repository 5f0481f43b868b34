using Akka.Cluster.Sharding;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Licenses;
using ArcActors.Contracts.Subscriptions;

namespace ArcActors.Dps.Hosting;

/// <summary>Routes messages to entities: instance uploads by instance key, machine and usage uploads by machine id, registrations by subscription, licenses by resource id.</summary>
public sealed class DpsMessageExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public override string EntityId(object message) => message switch
    {
        IWithInstanceKey keyed => keyed.Key.EntityId,
        IWithMachineId machine => machine.VmId.ToString("D"),
        IWithSubscriptionId subscription => Providers.NormalizeSubscription(subscription.SubscriptionId),
        IWithLicenseId license => LicenseIds.EntityId(license.LicenseId),
        _ => null!,
    };
}
