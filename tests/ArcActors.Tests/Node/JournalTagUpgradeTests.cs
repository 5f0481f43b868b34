using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ArcActors.Node.Runtime;
using ArcActors.Tests.Postgres;
using Xunit;

namespace ArcActors.Tests.Node;

/// <summary>
/// A journal written in the old TagTable mode, upgraded by <see cref="JournalTagUpgrade"/> and then
/// read and written by Akka.Persistence.Sql in the Csv mode of hocon/persistence-*.conf, on a real
/// SQLite file and on PostgreSQL.
/// </summary>
public sealed class JournalTagUpgradeTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"arcactors-tag-upgrade-{Guid.NewGuid():N}");

    public JournalTagUpgradeTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Sqlite_OldJournal_IsReadByTagAfterUpgrade()
    {
        var path = Path.Combine(_folder, "journal.db");

        await RunUpgradeScenarioAsync(AkkaConfig.Embedded(path, "WARNING"), () => JournalFile.Prepare(path));
    }

    [PostgresFact]
    public async Task Postgres_OldJournal_IsReadByTagAfterUpgrade()
    {
        using var database = PostgresDatabase.Create();

        await RunUpgradeScenarioAsync(
            AkkaConfig.Embedded(AkkaConfig.Postgres, database.ConnectionString, "WARNING"),
            () => JournalTagUpgrade.UpgradePostgres(database.ConnectionString));
    }

    [Fact]
    public void Sqlite_EmptyFolder_NeedsNoUpgrade()
    {
        Assert.Equal(-1, JournalFile.Prepare(Path.Combine(_folder, "journal.db")));
    }

    [PostgresFact]
    public void Postgres_EmptyDatabase_NeedsNoUpgrade()
    {
        using var database = PostgresDatabase.Create();

        Assert.Equal(-1, JournalTagUpgrade.UpgradePostgres(database.ConnectionString));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    // Writes three events in TagTable mode (one with two tags, one untagged), upgrades, then checks that
    // the Csv mode finds every tag, replays every event and writes new tagged events next to the old ones.
    private static async Task RunUpgradeScenarioAsync(Config current, Func<int> upgrade)
    {
        var old = ConfigurationFactory.ParseString("""
            akka.persistence.journal.sql.tag-write-mode = TagTable
            akka.persistence.query.journal.sql.tag-read-mode = TagTable
            """).WithFallback(current);
        await WithSystemAsync(old, async system =>
        {
            var writer = system.ActorOf(Props.Create(() => new TaggingActor("writer-1")));
            foreach (var write in new object[] { new Tagged("first", ["billing", "machines"]), "untagged", new Tagged("second", ["billing"]) })
            {
                Assert.Equal("persisted", await writer.Ask<string>(write, Timeout));
            }
        });

        Assert.Equal(2, upgrade());
        Assert.Equal(-1, upgrade());

        await WithSystemAsync(current, async system =>
        {
            Assert.Equal(["first", "second"], await EventsByTagAsync(system, "billing"));
            Assert.Equal(["first"], await EventsByTagAsync(system, "machines"));

            var writer = system.ActorOf(Props.Create(() => new TaggingActor("writer-1")));
            Assert.Equal(["first", "untagged", "second"], await writer.Ask<List<string>>(TaggingActor.Replayed, Timeout));
            Assert.Equal("persisted", await writer.Ask<string>(new Tagged("third", ["billing"]), Timeout));
            Assert.Equal(["first", "second", "third"], await EventsByTagAsync(system, "billing"));
        });
    }

    private static async Task<List<string>> EventsByTagAsync(ActorSystem system, string tag)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var events = await journal.CurrentEventsByTag(tag, Offset.NoOffset())
            .RunWith(Sink.Seq<EventEnvelope>(), system.Materializer())
            .WaitAsync(Timeout);
        return events.Select(envelope => (string)envelope.Event).ToList();
    }

    private static async Task WithSystemAsync(Config config, Func<ActorSystem, Task> body)
    {
        var system = ActorSystem.Create("tag-upgrade", config);
        try
        {
            await body(system);
        }
        finally
        {
            await system.Terminate().WaitAsync(Timeout);
        }
    }

    private sealed class TaggingActor : ReceivePersistentActor
    {
        public const string Replayed = "replayed";

        private readonly List<string> _events = [];

        public TaggingActor(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<string>(_events.Add);
            Command<string>(command => command == Replayed, _ => Sender.Tell(_events.ToList()));
            Command<string>(payload => Persist(payload, Persisted));
            Command<Tagged>(tagged => Persist(tagged, _ => Persisted((string)tagged.Payload)));
        }

        public override string PersistenceId { get; }

        private void Persisted(string payload)
        {
            _events.Add(payload);
            Sender.Tell("persisted");
        }
    }
}
