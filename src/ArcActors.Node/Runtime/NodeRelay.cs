using Akka.Actor;
using Akka.Configuration;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Jobs;
using ArcActors.Host.Jobs;
using ArcActors.Host.Relay;

namespace ArcActors.Node.Runtime;

/// <summary>
/// The relay listener of a host node: it pulls the machine's jobs through the host link every
/// <c>arcactors.host.relay.poll-interval</c> and runs them against the instances discovery finds,
/// remembering finished job ids in <c>host-jobs.db</c> in the data folder.
/// </summary>
public static class NodeRelay
{
    public const string PollIntervalSetting = "arcactors.host.relay.poll-interval";

    public sealed record Started(IActorRef Listener, JobLedger Ledger) : IDisposable
    {
        public void Dispose() => Ledger.Dispose();
    }

    /// <exception cref="NodeConfigException">The poll interval is not a positive duration of at most an hour.</exception>
    public static Started Start(ActorSystem system, Config config, Guid vmId, IActorRef link, IDiscoverySource source, IInstanceSql sql, string dataDirectory, TimeProvider clock)
    {
        var interval = config.GetTimeSpan(PollIntervalSetting, TimeSpan.FromSeconds(30), allowInfinite: false);
        if (interval <= TimeSpan.Zero || interval > TimeSpan.FromHours(1))
        {
            throw new NodeConfigException($"{PollIntervalSetting} = {interval} is out of range; give a duration between 1s and 1h, for example 30s.");
        }

        var ledger = new JobLedger(Path.Combine(dataDirectory, "host-jobs.db"));
        var handlers = Handlers(source, sql, clock);
        var listener = system.ActorOf(
            RelayListener.Props(vmId, link, ledger, handlers, source, new RelaySettings { PollInterval = interval }, clock), "relay-listener");
        return new Started(listener, ledger);
    }

    /// <summary>The job handlers of a host node that reaches SQL Server through <paramref name="sql"/>.</summary>
    public static IReadOnlyDictionary<string, IJobHandler> Handlers(IDiscoverySource source, IInstanceSql sql, TimeProvider clock) =>
        new Dictionary<string, IJobHandler>(StringComparer.OrdinalIgnoreCase)
        {
            [JobKinds.Backup] = new BackupJobHandler(source, sql, clock),
            [JobKinds.BestPracticesAssessment] = new AssessmentJobHandler(source, clock),
        };
}
