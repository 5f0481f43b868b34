using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ArcActors.Node.Commands;
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
    public async Task Sqlite_OldJournal_UpgradedAndRead()
    {
        var path = Path.Combine(_folder, "journal.db");

        await RunUpgradeScenarioAsync(AkkaConfig.Embedded(path, "WARNING"), () => JournalFile.Prepare(path), olderNodeCanWrite: true);
    }

    [PostgresFact]
    public async Task Postgres_OldJournal_UpgradedAndRead()
    {
        using var database = PostgresDatabase.Create();

        await RunUpgradeScenarioAsync(
            AkkaConfig.Embedded(AkkaConfig.Postgres, database.ConnectionString, "WARNING"),
            () => JournalTagUpgrade.UpgradePostgres(database.ConnectionString),
            olderNodeCanWrite: false);
    }

    [Fact]
    public void Sqlite_EmptyFolder_NeedsNoUpgrade()
    {
        Assert.Null(JournalFile.Prepare(Path.Combine(_folder, "journal.db")));
    }

    [PostgresFact]
    public void Postgres_EmptyDatabase_NeedsNoUpgrade()
    {
        using var database = PostgresDatabase.Create();

        Assert.Null(JournalTagUpgrade.UpgradePostgres(database.ConnectionString));
    }

    [PostgresOtherRoleFact]
    public async Task Postgres_RoleNotOwner_NamesFixAndChangesNothing()
    {
        using var database = PostgresDatabase.Create();
        await WriteOldJournalAsync(TagTableMode(AkkaConfig.Embedded(AkkaConfig.Postgres, database.ConnectionString, "WARNING")));

        var error = Assert.Throws<NodeConfigException>(() => JournalFile.UpgradePostgres(database.ConnectionStringOfOtherRole()));

        Assert.Contains("permission denied for table journal", error.Message);
        Assert.Contains("Have the owner of the journal table run the PostgreSQL statements in hocon/README.md", error.Message);
        Assert.Equal(3, database.CountRows("tags"));
        Assert.Equal(new JournalTagUpgrade.Result(2, 0), JournalFile.UpgradePostgres(database.ConnectionString));
    }

    [Fact]
    public async Task Up_OldJournal_PrintsUpgradeOnce()
    {
        await WriteOldJournalAsync(TagTableMode(AkkaConfig.Embedded(Path.Combine(_folder, "journal.db"), "WARNING")));
        var options = new UpCommand.Options(TestConfig.FleetPath("sample.yaml"), _folder, Once: true, TimeSpan.FromHours(1), Verbose: false);

        using var first = new StringWriter();
        Assert.Equal(0, await UpCommand.RunAsync(options, first, CancellationToken.None));
        using var second = new StringWriter();
        Assert.Equal(0, await UpCommand.RunAsync(options, second, CancellationToken.None));

        Assert.Contains("journal: upgrading to the Csv tag mode: copying the tags of 2 events", first.ToString());
        Assert.Contains("journal: upgraded to the Csv tag mode, tags of 2 events copied", first.ToString());
        Assert.DoesNotContain("journal:", second.ToString());
    }

    [Fact]
    public async Task Sqlite_OlderNodeWithoutTags_MergedSilently()
    {
        var path = Path.Combine(_folder, "journal.db");
        var old = TagTableMode(AkkaConfig.Embedded(path, "WARNING"));
        await WriteOldJournalAsync(old);
        Assert.Equal(new JournalTagUpgrade.Result(2, 0), JournalFile.Prepare(path));

        await WithSystemAsync(old, async system =>
        {
            var writer = system.ActorOf(Props.Create(() => new TaggingActor("writer-3")));
            Assert.Equal("persisted", await writer.Ask<string>("untagged-late", Timeout));
        });
        var lines = new List<string>();

        Assert.Null(JournalFile.Prepare(path, lines.Add));

        Assert.Empty(lines);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        connection.Open();
        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'tags%' ORDER BY name)";
        Assert.Equal(JournalTagUpgrade.OldTagsTable, tables.ExecuteScalar());
    }

    [Fact]
    public void Sqlite_NotADatabase_NamesFileAndFix()
    {
        var path = Path.Combine(_folder, "journal.db");
        File.WriteAllText(path, "not a SQLite file, but long enough for SQLite to read its header and reject it as a database");

        var error = Assert.Throws<NodeConfigException>(() => JournalFile.Prepare(path));

        Assert.Contains($"journal {path} cannot be prepared", error.Message);
        Assert.Contains("Check that it is an ArcActors SQLite journal", error.Message);
    }

    [Fact]
    public void WriteOutcome_RepairWarnsOlderNodes()
    {
        using var output = new StringWriter();

        JournalTagUpgrade.WriteOutcome(output, new JournalTagUpgrade.Result(Copied: 0, Repaired: 3));

        Assert.Contains("WARNING: 3 events were written with the old tags table after the upgrade", output.ToString());
        Assert.Contains("Stop every older node before a new one starts", output.ToString());
        Assert.DoesNotContain("upgraded to the Csv tag mode", output.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    // Writes three events in TagTable mode (one with two tags, one untagged), upgrades, then checks that
    // the Csv mode finds every tag, replays every event and writes new tagged events next to the old ones.
    private static async Task RunUpgradeScenarioAsync(Config current, Func<JournalTagUpgrade.Result?> upgrade, bool olderNodeCanWrite)
    {
        var old = TagTableMode(current);
        await WriteOldJournalAsync(old);

        Assert.Equal(new JournalTagUpgrade.Result(2, 0), upgrade());
        Assert.Null(upgrade());

        await WithSystemAsync(current, async system =>
        {
            Assert.Equal(["first", "second"], await EventsByTagAsync(system, "billing"));
            Assert.Equal(["first"], await EventsByTagAsync(system, "machines"));

            var writer = system.ActorOf(Props.Create(() => new TaggingActor("writer-1")));
            Assert.Equal(["first", "untagged", "second"], await writer.Ask<List<string>>(TaggingActor.Replayed, Timeout));
            Assert.Equal("persisted", await writer.Ask<string>(new Tagged("third", ["billing"]), Timeout));
            Assert.Equal(["first", "second", "third"], await EventsByTagAsync(system, "billing"));
        });

        await OlderNodeWritesAgainAsync(old, current, upgrade, olderNodeCanWrite);
    }

    // An older node started again on the upgraded journal. On SQLite it creates a new tags table and
    // writes there, and the next upgrade copies those tags. On PostgreSQL the renamed table keeps the
    // name of the tags table's primary key, so the older node cannot create its table and writes nothing.
    private static async Task OlderNodeWritesAgainAsync(Config old, Config current, Func<JournalTagUpgrade.Result?> upgrade, bool olderNodeCanWrite)
    {
        await WithSystemAsync(old, async system =>
        {
            var writer = system.ActorOf(Props.Create(() => new TaggingActor("writer-2")));
            var write = writer.Ask<string>(new Tagged("late", ["billing"]), olderNodeCanWrite ? Timeout : TimeSpan.FromSeconds(5));
            if (olderNodeCanWrite)
            {
                Assert.Equal("persisted", await write);
            }
            else
            {
                await Assert.ThrowsAsync<AskTimeoutException>(() => write);
            }
        });

        Assert.Equal(olderNodeCanWrite ? new JournalTagUpgrade.Result(0, 1) : null, upgrade());
        Assert.Null(upgrade());
        await WithSystemAsync(current, async system =>
        {
            Assert.Equal(olderNodeCanWrite ? ["first", "second", "third", "late"] : ["first", "second", "third"], await EventsByTagAsync(system, "billing"));
            var writer = system.ActorOf(Props.Create(() => new TaggingActor("writer-2")));
            Assert.Equal(olderNodeCanWrite ? ["late"] : [], await writer.Ask<List<string>>(TaggingActor.Replayed, Timeout));
        });
    }

    private static Config TagTableMode(Config current) => ConfigurationFactory.ParseString("""
        akka.persistence.journal.sql.tag-write-mode = TagTable
        akka.persistence.query.journal.sql.tag-read-mode = TagTable
        """).WithFallback(current);

    // Three events as an older ArcActors wrote them: one with two tags, one untagged, one with one tag.
    private static Task WriteOldJournalAsync(Config old) => WithSystemAsync(old, async system =>
    {
        var writer = system.ActorOf(Props.Create(() => new TaggingActor("writer-1")));
        foreach (var write in new object[] { new Tagged("first", ["billing", "machines"]), "untagged", new Tagged("second", ["billing"]) })
        {
            Assert.Equal("persisted", await writer.Ask<string>(write, Timeout));
        }
    });

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
