using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ArcActors.Contracts.Events;
using ArcActors.ReadModel;

namespace ArcActors.Dps.Projections;

/// <summary>
/// Projects tagged journal events into the read store: one projection per tag, each with its own
/// stored offset written in the same transaction as its changes, so a restart resumes exactly
/// where it stopped and a replayed event changes nothing.
/// </summary>
public sealed class ProjectionRunner
{
    public static readonly IReadOnlyList<string> Tags = [EventTags.Machines, EventTags.Inventory, EventTags.Billing, EventTags.Licenses, EventTags.Jobs];

    private const int BatchSize = 500;

    private readonly ActorSystem _system;
    private readonly ReadStore _store;
    private readonly SqlReadJournal _journal;
    private readonly ILoggingAdapter _log;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public ProjectionRunner(ActorSystem system, ReadStore store)
    {
        _system = system;
        _store = store;
        _journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        _log = Logging.GetLogger(system, nameof(ProjectionRunner));
    }

    /// <summary>
    /// Follows the given tags (every tag by default) live; a failed stream restarts from its stored offset
    /// with backoff. Shutting down the returned switches stops the streams.
    /// </summary>
    public IReadOnlyList<UniqueKillSwitch> StartLive(IReadOnlyList<string>? tags = null) =>
        (tags ?? Tags).Select(tag => RestartSource
                .WithBackoff(() => _journal
                        .EventsByTag(tag, Offset.Sequence(_store.GetOffset(tag)))
                        .GroupedWithin(BatchSize, TimeSpan.FromMilliseconds(200))
                        .SelectAsync(1, batch => ApplyAsync(tag, batch)),
                    RestartSettings.Create(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2))
                .ViaMaterialized(KillSwitches.Single<NotUsed>(), Keep.Right)
                .ToMaterialized(Sink.Ignore<NotUsed>(), Keep.Left)
                .Run(_system.Materializer()))
            .ToList();

    /// <summary>Applies every event stored so far, tag by tag, and returns when the read store has them all.</summary>
    public async Task CatchUpAsync()
    {
        foreach (var tag in Tags)
        {
            await CatchUpAsync(tag);
        }
    }

    /// <summary>
    /// Applies every event of one tag stored so far. The API calls it after a write, so that a read right
    /// after the write sees it; the live stream then skips what this applied, by offset.
    /// </summary>
    public Task CatchUpAsync(string tag) =>
        _journal
            .CurrentEventsByTag(tag, Offset.Sequence(_store.GetOffset(tag)))
            .Grouped(BatchSize)
            .SelectAsync(1, batch => ApplyAsync(tag, batch))
            .RunWith(Sink.Ignore<NotUsed>(), _system.Materializer());

    private async Task<NotUsed> ApplyAsync(string tag, IEnumerable<EventEnvelope> envelopes)
    {
        var batch = envelopes.Select(envelope => (((Sequence)envelope.Offset).Value, envelope.Event)).ToList();
        await _writeGate.WaitAsync();
        try
        {
            _store.ApplyBatch(tag, batch);
        }
        catch (Exception exception)
        {
            _log.Error(exception, "projection {0}: could not apply {1} events; the stream restarts from its stored offset", tag, batch.Count);
            throw;
        }
        finally
        {
            _writeGate.Release();
        }

        return NotUsed.Instance;
    }
}
