using Akka.Actor;
using ArcActors.Host.Jobs;
using ArcActors.Host.Relay;
using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Node.Runtime;

/// <summary>
/// The relay listeners of the simulated hosts of <c>arcactors up</c>: one per host, pulling from the
/// ingress in this process, running jobs against the simulated SQL Server, and sharing one ledger
/// file (<c>host-jobs.db</c>) in the data folder.
/// </summary>
public sealed class FleetRelays : IAsyncDisposable
{
    private readonly JobLedger _ledger;
    private readonly IReadOnlyList<IActorRef> _listeners;

    private FleetRelays(JobLedger ledger, SimulatedInstanceSql sql, IReadOnlyList<IActorRef> listeners)
    {
        _ledger = ledger;
        _listeners = listeners;
        Sql = sql;
    }

    /// <summary>The simulated SQL Server the jobs ran against.</summary>
    public SimulatedInstanceSql Sql { get; }

    public static FleetRelays Start(EmbeddedNode node, Fleet fleet, FleetState state, string dataDirectory, TimeSpan pollInterval, TimeProvider clock)
    {
        var ledger = new JobLedger(Path.Combine(dataDirectory, "host-jobs.db"));
        var sql = new SimulatedInstanceSql();
        var settings = new RelaySettings { PollInterval = pollInterval };
        var listeners = new List<IActorRef>();
        foreach (var host in fleet.Hosts)
        {
            var source = new SimulatedDiscoverySource(state, host.VmId);
            var handlers = NodeRelay.Handlers(node.System, host.VmId, source, sql, clock);
            listeners.Add(node.System.ActorOf(RelayListener.Props(host.VmId, node.Dps.Ingress, ledger, handlers, source, settings, clock), $"relay-{host.VmId:N}"));
        }

        return new FleetRelays(ledger, sql, listeners);
    }

    /// <summary>Stops the listeners, then closes the ledger they write.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_listeners.Select(listener => listener.GracefulStop(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default)));
        _ledger.Dispose();
    }
}
