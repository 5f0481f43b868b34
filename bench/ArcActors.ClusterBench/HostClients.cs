using Akka.Actor;
using Akka.Cluster.Tools.Client;
using ArcActors.Dps.Ingress;
using ArcActors.Host.Link;
using ArcActors.Node.Runtime;

namespace ArcActors.ClusterBench;

/// <summary>
/// One actor system per simulated host inside the benchmark process, each with its own TLS client
/// certificate, its own <see cref="ClusterClient"/> and a <see cref="HostLink"/> with its enrollment
/// key, as <c>arcactors node</c> builds them for the host role.
/// </summary>
public sealed class HostClients : IAsyncDisposable
{
    private readonly List<ActorSystem> _systems = [];
    private readonly List<IActorRef> _links = [];

    public static HostClients Start(ClusterFiles files, IReadOnlyList<BenchHost> hosts, IReadOnlyList<EnrollmentStore.IssuedKey> keys)
    {
        var clients = new HostClients();
        foreach (var host in hosts)
        {
            var config = NodeConfig.Load(files.WriteHostClient(host, keys[host.Index]), "WARNING");
            var bootstrap = BootstrapSetup.Create().WithConfig(config.Akka);
            var system = config.TlsPinning is { } pinning
                ? ActorSystem.Create("arcactors", bootstrap.And(pinning))
                : ActorSystem.Create("arcactors", config.Akka);
            clients._systems.Add(system);
            var client = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system)), "cluster-client");
            clients._links.Add(system.ActorOf(HostLink.Props(client, HostCredentials.FromConfig(config.Akka)), "host-link"));
        }

        return clients;
    }

    /// <summary>The host link of <paramref name="host"/>.</summary>
    public IActorRef Link(BenchHost host) => _links[host.Index];

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_systems.Select(system => system.Terminate()));
    }
}
