using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;
using ArcActors.Host.Jobs;
using ArcActors.Host.Relay;
using ArcActors.Node.Runtime;
using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;
using ArcActors.Sql.Backups;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ArcActors.Tests.Jobs;

/// <summary>
/// Database-level backup policies on the host: the SetBackupPolicy job stores them next to the instance policy,
/// and the schedule gives each database its own policy, else the instance's. Retention 0 on a database turns
/// its backups off.
/// </summary>
public sealed class DatabaseBackupPolicySpecs : IDisposable
{
    private const string Instance = "SALES";

    private const string FleetText = """
        subscriptionId: 5f0c2a64-8f5e-4a8e-9a51-3c1f2d0b7e21
        resourceGroup: rg
        start: 2026-11-25T20:00:00Z
        hosts:
          - name: sql-database-policies
            logicalProcessors: 4
            extension: { licenseType: Paid }
            instances:
              - name: SALES
                edition: Enterprise
                version: 16.0.4135.4
                databases:
                  - { name: master, recoveryMode: Simple }
                  - { name: Orders, recoveryMode: Full }
                  - { name: Billing, recoveryMode: Full }
                  - { name: Archive, recoveryMode: Full }
                  - { name: Events, recoveryMode: Full }
        """;

    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-25T20:00:00Z");
    private static readonly DateTimeOffset End = Start.AddHours(3);
    private static readonly BackupPolicy InstancePolicy = new(RetentionPeriodDays: 7, FullBackupDays: 7, DifferentialBackupHours: 24, TransactionLogBackupMinutes: 60);
    private static readonly BackupPolicy EventsPolicy = new(RetentionPeriodDays: 7, FullBackupDays: 7, DifferentialBackupHours: 24, TransactionLogBackupMinutes: 15);

    private readonly string _folder = TestConfig.TempFolder("database-backup-policies");
    private readonly FleetState _state = new(FleetFile.Parse(FleetText, "database-policies.yaml"));
    private readonly VirtualClock _clock = new(Start);
    private readonly SimulatedInstanceSql _sql;
    private readonly BackupPolicyStore _store;
    private readonly Guid _vmId;

    public DatabaseBackupPolicySpecs()
    {
        _sql = new SimulatedInstanceSql(_clock);
        _store = new BackupPolicyStore(LedgerPath);
        _vmId = _state.Hosts.Single().VmId;
    }

    private string LedgerPath => Path.Combine(_folder, "host-jobs.db");

    [Fact]
    public async Task DatabasePolicy_OverridesInstancePolicy()
    {
        await RunJobAsync(null, InstancePolicy, Start);
        await RunJobAsync("Archive", InstancePolicy with { RetentionPeriodDays = 0 }, Start);
        await RunJobAsync("Events", EventsPolicy, Start);

        await RunMinutesAsync(Start, End);

        // The first pass takes only the full backups, so log backups start one minute later.
        var hourlyLogSlots = DistinctSlots(Start.AddMinutes(1), End, TimeSpan.FromMinutes(InstancePolicy.TransactionLogBackupMinutes));
        var quarterHourLogSlots = DistinctSlots(Start.AddMinutes(1), End, TimeSpan.FromMinutes(EventsPolicy.TransactionLogBackupMinutes));
        Assert.Empty(BackupsOf("Archive"));
        Assert.Equal(1, Count("Events", BackupKind.Full));
        Assert.Equal(quarterHourLogSlots, Count("Events", BackupKind.Log));
        foreach (var database in new[] { "Orders", "Billing" })
        {
            Assert.Equal(1, Count(database, BackupKind.Full));
            Assert.Equal(hourlyLogSlots, Count(database, BackupKind.Log));
        }

        Assert.Equal(1, Count("master", BackupKind.Full));
    }

    [Fact]
    public async Task DatabasePolicy_AppliesWithoutInstancePolicy()
    {
        await RunJobAsync("Events", EventsPolicy, Start);

        await RunMinutesAsync(Start, Start.AddMinutes(30));

        Assert.Equal(["Events"], _sql.BackupsOf(Instance).Select(backup => backup.Database).Distinct());
        Assert.Equal(DistinctSlots(Start.AddMinutes(1), Start.AddMinutes(30), TimeSpan.FromMinutes(15)), Count("Events", BackupKind.Log));
    }

    [Fact]
    public async Task DatabasePolicy_RemovedFollowsInstancePolicy()
    {
        await RunJobAsync(null, InstancePolicy, Start);
        await RunJobAsync("Archive", InstancePolicy with { RetentionPeriodDays = 0 }, Start);
        await RunJobAsync("Archive", null, Start.AddMinutes(1));

        await RunMinutesAsync(Start, Start.AddMinutes(5));

        Assert.Empty(_store.ListDatabasePolicies(_vmId));
        Assert.Equal(1, Count("Archive", BackupKind.Full));
    }

    [Fact]
    public async Task DatabasePolicy_StoredApartFromInstancePolicy()
    {
        await RunJobAsync(null, InstancePolicy, Start);
        var outcome = await RunJobAsync("Events", EventsPolicy, Start);

        Assert.Equal(InstancePolicy, Assert.Single(_store.List(_vmId)).Policy);
        var stored = Assert.Single(_store.ListDatabasePolicies(_vmId));
        Assert.Equal("Events", stored.DatabaseName);
        Assert.Equal(EventsPolicy, stored.Policy);
        Assert.Contains("database 'Events'", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BackupPolicyStore_MigratesInstanceOnlyTable()
    {
        _store.Dispose();
        File.Delete(LedgerPath);
        using (var connection = new SqliteConnection($"Data Source={LedgerPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                CREATE TABLE backup_policies (vm_id TEXT NOT NULL, instance_name TEXT NOT NULL COLLATE NOCASE, policy TEXT NOT NULL,
                    queued_at TEXT NOT NULL, job_id TEXT NOT NULL, retention_at TEXT, PRIMARY KEY (vm_id, instance_name));
                INSERT INTO backup_policies VALUES ('{_vmId:D}', '{Instance}', '{BackupPolicyJson.Write(InstancePolicy)}',
                    '2026-11-25T19:00:00.0000000Z', '{Guid.NewGuid():D}', NULL);
                """;
            command.ExecuteNonQuery();
        }

        using var migrated = new BackupPolicyStore(LedgerPath);
        migrated.Set(_vmId, Instance, "Events", EventsPolicy, Start, Guid.NewGuid());

        Assert.Equal(InstancePolicy, Assert.Single(migrated.List(_vmId)).Policy);
        Assert.Equal(EventsPolicy, Assert.Single(migrated.ListDatabasePolicies(_vmId)).Policy);
    }

    private async Task<JobOutcome> RunJobAsync(string? database, BackupPolicy? policy, DateTimeOffset queuedAt)
    {
        var parameters = new Dictionary<string, string> { ["policy"] = BackupPolicyJson.Write(policy) };
        if (database is not null)
        {
            parameters["database"] = database;
        }

        var job = new JobCommand(Guid.NewGuid(), _vmId, JobKinds.SetBackupPolicy, Instance, parameters, queuedAt, TimeSpan.FromDays(1), "alice");
        var machine = await new SimulatedDiscoverySource(_state, _vmId).DescribeMachineAsync(CancellationToken.None);
        return await new SetBackupPolicyJobHandler(_store).RunAsync(new JobRun(job, 1, machine), CancellationToken.None);
    }

    private async Task RunMinutesAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var runner = new BackupScheduleRunner(_vmId, new SimulatedDiscoverySource(_state, _vmId), _sql, _store, files: null, new BackupScheduleSettings());
        for (var at = from; at <= to; at = at.AddMinutes(1))
        {
            _clock.Set(at);
            var pass = await runner.RunAsync(at, CancellationToken.None);
            Assert.All(pass.Instances, outcome => Assert.Empty(outcome.Failures));
        }
    }

    // The number of distinct slots of a UTC grid from the Unix epoch that one-minute ticks from 'from' to 'to' touch.
    private static int DistinctSlots(DateTimeOffset from, DateTimeOffset to, TimeSpan interval)
    {
        var slots = new HashSet<long>();
        for (var at = from; at <= to; at = at.AddMinutes(1))
        {
            slots.Add(at.ToUnixTimeSeconds() / (long)interval.TotalSeconds);
        }

        return slots.Count;
    }

    private IReadOnlyList<SimulatedBackup> BackupsOf(string database) =>
        _sql.BackupsOf(Instance).Where(backup => backup.Database == database).ToList();

    private int Count(string database, BackupKind kind) => BackupsOf(database).Count(backup => backup.Kind == kind);

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
