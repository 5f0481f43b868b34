using Akka.Actor;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Jobs;
using ArcActors.Node.Runtime;
using ArcActors.Simulation;
using ArcActors.Sql.Backups;
using Xunit;

namespace ArcActors.Tests.Jobs;

/// <summary>
/// The host's automated backup schedule against the simulated SQL Server, driven one pass per virtual minute.
/// The backups taken match the counts the policy gives on the UTC slot grid, and databases are chosen by
/// recovery model and kind. A failover cluster instance takes none.
/// </summary>
public sealed class BackupScheduleSpecs : TestKit, IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-25T20:00:00Z");

    // Crosses the weekly full slot boundary (Thursday 00:00 UTC, because 1970-01-01 was a Thursday) and two 12-hour slot boundaries.
    private static readonly DateTimeOffset End = DateTimeOffset.Parse("2026-11-26T13:00:00Z");

    private static readonly BackupPolicy Policy = new(RetentionPeriodDays: 7, FullBackupDays: 7, DifferentialBackupHours: 12, TransactionLogBackupMinutes: 15);

    private readonly string _folder = TestConfig.TempFolder("backup-schedule");
    private readonly FleetState _state = BackupScheduleFleet.Load();
    private readonly VirtualClock _clock = new(Start);
    private readonly SimulatedInstanceSql _sql;
    private readonly BackupPolicyStore _store;
    private readonly Guid _vmId;

    public BackupScheduleSpecs() : base(TestConfig.Embedded(Path.Combine(Path.GetTempPath(), $"unused-{Guid.NewGuid():N}.db")))
    {
        _sql = new SimulatedInstanceSql(_clock);
        _store = new BackupPolicyStore(Path.Combine(_folder, "host-jobs.db"));
        _vmId = _state.Hosts.Single().VmId;
    }

    [Fact]
    public async Task BackupSchedule_CountsMatchPolicySlots()
    {
        _store.Set(_vmId, BackupScheduleFleet.Standalone, Policy, Start, Guid.NewGuid());
        var schedule = StartSchedule(TimeSpan.FromHours(1));

        await RunMinutesAsync(schedule, Start, End);

        var fullSlots = DistinctSlots(Start, End, TimeSpan.FromDays(Policy.FullBackupDays));
        var differentialSlots = DistinctSlots(Start, End, TimeSpan.FromHours(Policy.DifferentialBackupHours));

        // The first pass finds no full backup and takes only that, so log backups start one minute later.
        var logSlots = DistinctSlots(Start.AddMinutes(1), End, TimeSpan.FromMinutes(Policy.TransactionLogBackupMinutes));
        Assert.Equal(2, fullSlots);
        Assert.Equal(fullSlots, Count("Orders", BackupKind.Full));

        // A full backup fills the differential slot it starts in.
        Assert.Equal(differentialSlots - fullSlots, Count("Orders", BackupKind.Differential));
        Assert.Equal(logSlots, Count("Orders", BackupKind.Log));
    }

    [Fact]
    public async Task BackupSchedule_SystemDatabasesFullOnly()
    {
        _store.Set(_vmId, BackupScheduleFleet.Standalone, Policy, Start, Guid.NewGuid());
        var schedule = StartSchedule(TimeSpan.FromHours(1));

        await RunMinutesAsync(schedule, Start, Start.AddHours(6));

        var fullSlots = DistinctSlots(Start, Start.AddHours(6), TimeSpan.FromDays(Policy.FullBackupDays));
        foreach (var database in new[] { "master", "model", "msdb" })
        {
            Assert.Equal(fullSlots, Count(database, BackupKind.Full));
            Assert.Equal(0, Count(database, BackupKind.Differential));
            Assert.Equal(0, Count(database, BackupKind.Log));
        }

        Assert.Empty(BackupsOf("tempdb"));
    }

    [Fact]
    public async Task BackupSchedule_OnlyFullRecoveryUserDatabases()
    {
        _store.Set(_vmId, BackupScheduleFleet.Standalone, Policy, Start, Guid.NewGuid());
        var schedule = StartSchedule(TimeSpan.FromHours(1));

        await RunMinutesAsync(schedule, Start, Start.AddHours(2));

        var logDatabases = _sql.BackupsOf(BackupScheduleFleet.Standalone).Where(backup => backup.Kind == BackupKind.Log).Select(backup => backup.Database).Distinct();
        Assert.Equal(["Orders"], logDatabases);
        Assert.Empty(BackupsOf("Staging"));
        Assert.Empty(BackupsOf("Ledger"));
    }

    [Fact]
    public async Task BackupSchedule_FailoverClusterInstanceRejectedOnce()
    {
        _store.Set(_vmId, BackupScheduleFleet.Clustered, Policy, Start, Guid.NewGuid());
        var schedule = StartSchedule(TimeSpan.FromHours(1));

        var rejections = CreateTestProbe();
        Sys.EventStream.Subscribe(rejections.Ref, typeof(BackupRejectionLogged));

        await RunMinutesAsync(schedule, Start, Start.AddMinutes(30));

        var logged = rejections.ExpectMsg<BackupRejectionLogged>();
        rejections.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(BackupScheduleFleet.Clustered, logged.InstanceName);
        Assert.Contains("failover cluster", logged.Reason, StringComparison.Ordinal);
        Assert.Empty(_sql.BackupsOf(BackupScheduleFleet.Clustered));
    }

    [Fact]
    public async Task BackupSchedule_NoPolicyNoBackups()
    {
        _store.Set(_vmId, BackupScheduleFleet.Standalone, Policy with { RetentionPeriodDays = 0 }, Start, Guid.NewGuid());
        var schedule = StartSchedule(TimeSpan.FromHours(1));

        await RunMinutesAsync(schedule, Start, Start.AddMinutes(10));

        Assert.Empty(_sql.BackupsOf(BackupScheduleFleet.Standalone));
    }

    [Fact]
    public void BackupSchedule_TimerRunsPasses()
    {
        _store.Set(_vmId, BackupScheduleFleet.Standalone, Policy, Start, Guid.NewGuid());

        StartSchedule(TimeSpan.FromMilliseconds(100));

        AwaitAssert(() => Assert.Equal(1, Count("Orders", BackupKind.Full)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task BackupSchedule_RetentionDeletesExpiredHistory()
    {
        var shortPolicy = new BackupPolicy(RetentionPeriodDays: 1, FullBackupDays: 1, DifferentialBackupHours: 12, TransactionLogBackupMinutes: 60);
        _store.Set(_vmId, BackupScheduleFleet.Standalone, shortPolicy, Start, Guid.NewGuid());
        var schedule = StartSchedule(TimeSpan.FromHours(1));
        var end = Start.AddDays(4);

        for (var at = Start; at <= end; at = at.AddHours(1))
        {
            _clock.Set(at);
            await schedule.Ask<BackupPassResult>(BackupScheduleActor.RunPass.Instance, TimeSpan.FromSeconds(10));
        }

        var kept = BackupsOf("Orders");
        var cleanups = _sql.StepsOf(BackupScheduleFleet.Standalone).Count(step => step.Sql.Contains("sp_delete_backuphistory", StringComparison.Ordinal));
        var taken = _sql.StepsOf(BackupScheduleFleet.Standalone).Count(step => step.Sql.StartsWith("BACKUP", StringComparison.Ordinal) && step.Sql.Contains("[Orders]", StringComparison.Ordinal));
        Assert.True(cleanups > 0, "no msdb history cleanup ran in four days with one day of retention");
        Assert.True(kept.Count < taken, $"the history still holds all {taken} backups of Orders");
        Assert.Equal(BackupKind.Full, kept[0].Kind);

        // The last pass ran the daily cleanup. Every point of the last day stays restorable from the newest
        // full backup at or before its start, and full backups start at 00:00 UTC with a one-day interval.
        var windowStart = end - TimeSpan.FromDays(shortPolicy.RetentionPeriodDays);
        var anchor = new DateTimeOffset(windowStart.UtcDateTime.Date, TimeSpan.Zero);
        Assert.Equal(anchor, kept[0].StartedAt);
    }

    private IActorRef StartSchedule(TimeSpan tick)
    {
        var settings = new BackupScheduleSettings { TickInterval = tick };
        var runner = new BackupScheduleRunner(_vmId, new SimulatedDiscoverySource(_state, _vmId), _sql, _store, files: null, settings);
        return Sys.ActorOf(BackupScheduleActor.Props(_vmId, runner, settings, _clock));
    }

    private async Task RunMinutesAsync(IActorRef schedule, DateTimeOffset from, DateTimeOffset to)
    {
        for (var at = from; at <= to; at = at.AddMinutes(1))
        {
            _clock.Set(at);
            await schedule.Ask<BackupPassResult>(BackupScheduleActor.RunPass.Instance, TimeSpan.FromSeconds(10));
        }
    }

    // The number of distinct slots of a UTC grid from the Unix epoch that one-minute ticks from 'from' to 'to' touch.
    private static int DistinctSlots(DateTimeOffset from, DateTimeOffset to, TimeSpan interval)
    {
        var slots = new HashSet<long>();
        for (var at = from; at <= to; at = at.AddMinutes(1))
        {
            slots.Add((at.ToUnixTimeSeconds()) / (long)interval.TotalSeconds);
        }

        return slots.Count;
    }

    private IReadOnlyList<SimulatedBackup> BackupsOf(string database) =>
        _sql.BackupsOf(BackupScheduleFleet.Standalone).Where(backup => backup.Database == database).ToList();

    private int Count(string database, BackupKind kind) => BackupsOf(database).Count(backup => backup.Kind == kind);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _store.Dispose();
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }
}
