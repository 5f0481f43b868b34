using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using ArcActors.Dps.Ingress;
using ArcActors.Dps.Projections;
using ArcActors.Dps.Inventory;
using ArcActors.Dps.Licenses;
using ArcActors.Dps.Machines;
using ArcActors.Dps.Relay;
using ArcActors.Dps.Subscriptions;
using ArcActors.ReadModel;

namespace ArcActors.Dps.Hosting;

/// <summary>The actors of the "dps" role in one node.</summary>
public sealed record DpsServices(
    IActorRef Ingress,
    IActorRef Instances,
    IActorRef Machines,
    IActorRef Subscriptions,
    IActorRef Licenses,
    IActorRef Relay,
    IActorRef LastSeen,
    ProjectionRunner Projections)
{
    /// <summary>Shard count; fixed for the life of a cluster, about ten times its largest node count.</summary>
    public const int ShardCount = 100;

    /// <summary>
    /// Starts the shard regions, the ingress and the projections of the "dps" role, following the
    /// tags in <paramref name="liveProjections"/> live. The node must be a cluster member with that role.
    /// </summary>
    /// <param name="sharedStore">
    /// True when every dps node writes the same read store (PostgreSQL): the live projections then run
    /// on one node of the cluster at a time. False when each node has its own store (SQLite).
    /// </param>
    public static async Task<DpsServices> StartAsync(
        ActorSystem system, ReadStore store, TimeProvider clock, IReadOnlyList<string> liveProjections, bool sharedStore = false)
    {
        var lastSeen = system.ActorOf(LastSeenRecorder.Props(store, TimeSpan.FromSeconds(1)), "last-seen");
        var sharding = ClusterSharding.Get(system);
        var settings = ClusterShardingSettings.Create(system).WithRole("dps");
        var extractor = new DpsMessageExtractor(ShardCount);

        var instances = await sharding.StartAsync("instances", entityId => InstanceEntity.Props(entityId, lastSeen), settings, extractor);
        var machines = await sharding.StartAsync("machines", entityId => MachineEntity.Props(entityId, lastSeen, clock), settings, extractor);
        var subscriptions = await sharding.StartAsync("subscriptions", SubscriptionEntity.Props, settings, extractor);
        var licenses = await sharding.StartAsync("licenses", LicenseEntity.Props, settings, extractor);
        var relay = await sharding.StartAsync("relay", entityId => RelayEntity.Props(entityId, clock), settings, extractor);
        var ingress = system.ActorOf(IngressActor.Props(instances, machines, subscriptions, relay), "ingress");

        var projections = new ProjectionRunner(system, store);
        var live = LiveProjectionsActor.Props(projections, liveProjections);
        system.ActorOf(
            sharedStore ? ClusterSingletonManager.Props(live, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system).WithRole("dps")) : live,
            "live-projections");

        return new DpsServices(ingress, instances, machines, subscriptions, licenses, relay, lastSeen, projections);
    }

    /// <summary>Writes pending last-upload times and brings every projection up to the journal's end.</summary>
    public async Task CatchUpAsync(TimeSpan timeout)
    {
        await LastSeen.Ask<LastSeenRecorder.Flushed>(LastSeenRecorder.Flush.Instance, timeout);
        await Projections.CatchUpAsync();
    }
}
