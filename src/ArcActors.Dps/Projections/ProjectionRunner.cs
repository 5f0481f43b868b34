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

    // Creating the read journal sends an Ask to the journal actor with a fixed 5 s timeout, which a node starting
    // on a busy machine can miss. Each further attempt waits one second longer before it tries again.
    private const int JournalAttempts = 5;

    private readonly ActorSystem _system;
    private readonly ReadStore _store;
    private readonly Func<string, long> _readOffset;
    private readonly SqlReadJournal _journal;
    private readonly ILoggingAdapter _log;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public ProjectionRunner(ActorSystem system, ReadStore store)
        : this(system, store, store.GetOffset)
    {
    }

    /// <param name="readOffset">Reads a projection's stored offset; tests pass one that fails for a while.</param>
    internal ProjectionRunner(ActorSystem system, ReadStore store, Func<string, long> readOffset)
    {
        _system = system;
        _store = store;
        _readOffset = readOffset;
        _log = Logging.GetLogger(system, nameof(ProjectionRunner));
        _journal = OpenJournal(system, _log);
    }

    /// <summary>
    /// Follows the given tags (every tag by default) live; a failed stream restarts from its stored offset
    /// with backoff. The offset is read inside the stream, so a store that is down when a stream restarts
    /// fails that attempt, and the next one tries again. Shutting down the returned switches stops the streams.
    /// </summary>
    public IReadOnlyList<UniqueKillSwitch> StartLive(IReadOnlyList<string>? tags = null) =>
        (tags ?? Tags).Select(tag => RestartSource
                .WithBackoff(() => Source
                        .FromTask(Task.Run(() => _readOffset(tag)))
                        .ConcatMany(offset => _journal.EventsByTag(tag, Offset.Sequence(offset)))
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

    private static SqlReadJournal OpenJournal(ActorSystem system, ILoggingAdapter log)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
            }
            catch (Exception exception) when (attempt < JournalAttempts && IsAskTimeout(exception))
            {
                log.Warning("projections: the query journal did not start in time (attempt {0} of {1}); trying again", attempt, JournalAttempts);
                Thread.Sleep(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    private static bool IsAskTimeout(Exception exception) =>
        exception is AskTimeoutException || exception is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAskTimeout);

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
