using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using ArcActors.Dps;
using ArcActors.ReadModel;
using ArcActors.Tests.Contracts;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ArcActors.Tests.Dps;

/// <summary>
/// The last-seen recorder over a real SQLite read store whose file is moved away and back: the
/// outage is logged once, then at most once a minute with a count, and once when writing works again.
/// </summary>
public sealed class LastSeenRecorderSpecs : TestKit
{
    private readonly string _folder = TestConfig.TempFolder("last-seen");
    private readonly ManualClock _clock = new(Samples.At);
    private readonly ReadStore _store;
    private readonly IActorRef _recorder;

    public LastSeenRecorderSpecs() : base(ConfigurationFactory.ParseString("akka.loglevel = INFO"))
    {
        _store = ReadStore.Open(StorePath);
        // An hour between timer flushes, so only the test's Flush messages write.
        _recorder = Sys.ActorOf(LastSeenRecorder.Props(_store, TimeSpan.FromHours(1), _clock));
    }

    private string StorePath => Path.Combine(_folder, "read.db");

    private string MovedPath => Path.Combine(_folder, "moved");

    [Fact]
    public void LastSeenRecorder_FirstFailureLoggedOnce()
    {
        Seen("SALES");
        TakeStoreAway();

        EventFilter.Error(contains: "could not write 1 last-upload times").ExpectOne(Flush);
        EventFilter.Error().Expect(0, () =>
        {
            for (var i = 0; i < 5; i++)
            {
                _clock.Advance(TimeSpan.FromSeconds(10));
                Flush();
            }
        });
    }

    [Fact]
    public void LastSeenRecorder_RepeatLoggedOncePerMinute()
    {
        Seen("SALES");
        TakeStoreAway();
        EventFilter.Error(contains: "could not write").ExpectOne(Flush);
        EventFilter.Error().Expect(0, () =>
        {
            for (var i = 0; i < 3; i++)
            {
                _clock.Advance(TimeSpan.FromSeconds(15));
                Flush();
            }
        });

        _clock.Advance(TimeSpan.FromSeconds(15));

        EventFilter.Error(contains: "4 more failed writes since the last line, 5 since").ExpectOne(Flush);
        EventFilter.Error().Expect(0, () =>
        {
            _clock.Advance(TimeSpan.FromSeconds(30));
            Flush();
        });
    }

    [Fact]
    public void LastSeenRecorder_RecoveryLoggedAndPendingWritten()
    {
        Seen("SALES");
        TakeStoreAway();
        EventFilter.Error(contains: "could not write").ExpectOne(Flush);
        _clock.Advance(TimeSpan.FromSeconds(5));
        Seen("HR");
        EventFilter.Error().Expect(0, Flush);

        PutStoreBack();

        EventFilter.Info(contains: "works again after 2 failed writes").ExpectOne(Flush);
        Assert.Equal(2L, CountLastSeenRows());
        EventFilter.Info(contains: "works again").Expect(0, () =>
        {
            Seen("SALES");
            Flush();
        });
    }

    private void Seen(string instanceName) =>
        _recorder.Tell(new LastSeenRecorder.InventorySeen(Samples.Scope, "db-east-02", instanceName, Samples.VmId, _clock.GetUtcNow()));

    private void Flush()
    {
        _recorder.Tell(LastSeenRecorder.Flush.Instance);
        ExpectMsg<LastSeenRecorder.Flushed>();
    }

    // Closes the pooled connections first, so the next write opens the path again and finds a folder there.
    private void TakeStoreAway()
    {
        SqliteConnection.ClearAllPools();
        Directory.CreateDirectory(MovedPath);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(StorePath + suffix))
            {
                File.Move(StorePath + suffix, Path.Combine(MovedPath, "read.db" + suffix));
            }
        }

        Directory.CreateDirectory(StorePath);
    }

    private void PutStoreBack()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(StorePath);
        foreach (var file in Directory.GetFiles(MovedPath))
        {
            File.Move(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    private long CountLastSeenRows()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = StorePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM last_seen";
        return (long)command.ExecuteScalar()!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _store.Dispose();
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan span) => _now += span;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
