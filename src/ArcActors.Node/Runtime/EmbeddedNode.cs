using Akka.Actor;
using Akka.Cluster;
using ArcActors.Dps.Hosting;
using ArcActors.Host.Usage;
using ArcActors.ReadModel;

namespace ArcActors.Node.Runtime;

/// <summary>
/// One process with every role: a one-node cluster running the cloud side, the host agents of a
/// simulated fleet, and their stores under one data folder.
/// </summary>
public sealed class EmbeddedNode : IAsyncDisposable
{
    private EmbeddedNode(ActorSystem system, DpsServices dps, ReadStore store, SqliteUsageOutbox outbox, DataFolder data)
    {
        System = system;
        Dps = dps;
        Store = store;
        Outbox = outbox;
        Data = data;
    }

    public ActorSystem System { get; }
    public DpsServices Dps { get; }
    public ReadStore Store { get; }
    public SqliteUsageOutbox Outbox { get; }
    public DataFolder Data { get; }

    /// <param name="progress">Gets the lines of a journal upgrade (<see cref="JournalTagUpgrade"/>); null discards them.</param>
    public static async Task<EmbeddedNode> StartAsync(DataFolder data, TimeProvider clock, IReadOnlyList<string> liveProjections, string logLevel, TextWriter? progress = null)
    {
        var output = progress ?? TextWriter.Null;
        JournalTagUpgrade.WriteOutcome(output, JournalFile.Prepare(data.JournalPath, output.WriteLine));
        var system = ActorSystem.Create("arcactors", AkkaConfig.Embedded(data.JournalPath, logLevel));

        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await cluster.JoinAsync(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var store = ReadStore.Open(data.ReadStorePath);

        // Connection status compares last uploads with the clock, so a simulation's reads use its virtual time.
        store.Clock = clock;
        var outbox = new SqliteUsageOutbox(data.OutboxPath);
        var dps = await DpsServices.StartAsync(system, store, clock, liveProjections);
        return new EmbeddedNode(system, dps, store, outbox, data);
    }

    public async ValueTask DisposeAsync()
    {
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);
        Store.Dispose();
        Outbox.Dispose();
    }
}
