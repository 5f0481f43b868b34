using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Backups;
using ArcActors.Sql.Execution;

namespace ArcActors.Host.Jobs;

/// <summary>
/// One pass of a host's automated backups: for each instance with a stored instance-level or database-level policy, probe it and its
/// databases, read the last backup start times, compute <see cref="BackupScheduler.Compute"/>, take the due
/// backups, and run the retention cleanup when <see cref="BackupScheduleSettings.RetentionInterval"/> has
/// passed. Which instances and databases get backups is the scheduler's decision alone.
/// </summary>
/// <param name="files">Deletes expired backup files; null leaves files in place (simulated hosts).</param>
public sealed class BackupScheduleRunner(
    Guid vmId,
    IDiscoverySource source,
    IInstanceSql sql,
    BackupPolicyStore store,
    IBackupFileDeleter? files,
    BackupScheduleSettings settings)
{
    // The maximum full backup interval is 7 days, so older history cannot decide whether a backup is due.
    private static readonly TimeSpan StartTimesWindow = TimeSpan.FromDays(8);

    /// <summary>Runs one pass at <paramref name="now"/>. Failures on one instance are reported in its outcome and do not stop the others.</summary>
    public async Task<BackupPassResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        var policies = InstancePolicies.Group(store.List(vmId), store.ListDatabasePolicies(vmId));
        if (policies.Count == 0)
        {
            return new BackupPassResult(now, []);
        }

        var machine = await source.DescribeMachineAsync(cancellationToken).ConfigureAwait(false);
        var located = await source.LocateInstancesAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = new List<InstanceBackupOutcome>();
        foreach (var stored in policies)
        {
            var location = located.FirstOrDefault(instance => string.Equals(instance.InstanceName, stored.InstanceName, StringComparison.OrdinalIgnoreCase));
            if (location is null)
            {
                outcomes.Add(InstanceBackupOutcome.Unreachable(stored.InstanceName,
                    $"instance '{stored.InstanceName}' has a backup policy but is not installed on host '{machine.HostName}'."));
                continue;
            }

            try
            {
                outcomes.Add(await RunInstanceAsync(machine, location, stored, now, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                outcomes.Add(InstanceBackupOutcome.Unreachable(stored.InstanceName, exception.GetBaseException().Message));
            }
        }

        return new BackupPassResult(now, outcomes);
    }

    private async Task<InstanceBackupOutcome> RunInstanceAsync(
        MachineSnapshot machine, InstanceLocation location, InstancePolicies stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = await InstanceLookup.ProbeAsync(source, location, cancellationToken).ConfigureAwait(false);
        var instance = new BackupInstance(snapshot.Edition, machine.Extension.LicenseType, snapshot.AlwaysOnRole,
            snapshot.AvailabilityGroups.Count > 0, snapshot.DefaultBackupPath, stored.Policy);

        // The scheduler rejects the instance the same way; asking first saves probing every database of an instance that takes no backups.
        if (BackupPlanner.InstanceRejection(instance) is { } rejection)
        {
            return InstanceBackupOutcome.Rejected(snapshot.InstanceName, rejection);
        }

        var databases = await ScheduleDatabasesAsync(location, snapshot, stored.DatabasePolicies, now, cancellationToken).ConfigureAwait(false);
        var schedule = BackupScheduler.Compute(instance, databases.Databases, now, settings.Selection);
        if (schedule.RejectionReason is { } scheduleRejection)
        {
            return InstanceBackupOutcome.Rejected(snapshot.InstanceName, scheduleRejection);
        }

        var failures = new List<string>(databases.Errors);
        var taken = await TakeBackupsAsync(location, snapshot, schedule, now, failures, cancellationToken).ConfigureAwait(false);
        var retention = now - (stored.LastRetentionAt ?? DateTimeOffset.MinValue) >= settings.RetentionInterval
            ? await CleanUpAsync(location, snapshot, stored, databases.Databases, now, failures, cancellationToken).ConfigureAwait(false)
            : null;
        return new InstanceBackupOutcome(snapshot.InstanceName, null, null, taken, failures, retention);
    }

    private async Task<(IReadOnlyList<BackupScheduleDatabase> Databases, IReadOnlyList<string> Errors)> ScheduleDatabasesAsync(
        InstanceLocation location, InstanceSnapshot snapshot, IReadOnlyDictionary<string, BackupPolicy> databasePolicies, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var starts = await sql.LastBackupStartsAsync(location, now - StartTimesWindow, cancellationToken).ConfigureAwait(false);
        var databases = new List<BackupScheduleDatabase>();
        var errors = new List<string>();
        foreach (var entry in snapshot.Databases)
        {
            DatabaseSnapshot database;
            try
            {
                database = await source.ProbeDatabaseAsync(location, entry, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                errors.Add($"database '{entry.Name}' could not be read, so it is not backed up in this pass: {exception.GetBaseException().Message}");
                continue;
            }

            // NOTE: discovery does not report database snapshots, so IsDatabaseSnapshot stays false and BACKUP would fail on one.
            databases.Add(new BackupScheduleDatabase(
                entry.Name,
                database.State,
                database.RecoveryMode,
                database.IsReadOnly,
                Policy: databasePolicies.GetValueOrDefault(entry.Name),
                LastFullStart: LastStart(starts, entry.Name, BackupKind.Full),
                LastDifferentialStart: LastStart(starts, entry.Name, BackupKind.Differential),
                LastLogStart: LastStart(starts, entry.Name, BackupKind.Log)));
        }

        return (databases, errors);
    }

    private async Task<IReadOnlyList<BackupStatement>> TakeBackupsAsync(
        InstanceLocation location, InstanceSnapshot snapshot, BackupSchedule schedule, DateTimeOffset now, List<string> failures, CancellationToken cancellationToken)
    {
        var compression = BackupCompression.IsSupported(snapshot.Edition);
        var colliding = CollidingFileNameParts(snapshot.Databases.Select(database => database.Name));
        var taken = new List<BackupStatement>();
        foreach (var due in schedule.Due)
        {
            var forceHash = colliding.Contains(BackupFileName.SafeDatabasePart(due.Database));
            var statement = BackupStatementBuilder.Build(due.Database, due.Kind, snapshot.DefaultBackupPath, now.UtcDateTime, compression, forceHash,
                description: $"ArcActors schedule, {due.Kind} slot {due.SlotStart.UtcDateTime:yyyy-MM-dd'T'HH:mm'Z'}");

            // As for on-demand backups: a BACKUP is never sent twice, because a repeat would overwrite the file the first one wrote.
            var step = new SqlStep(statement.RunInDatabase, statement.Sql, $"{due.Kind} backup of {due.Database}") { Retryable = false, CommandTimeout = TimeSpan.Zero };
            var result = (await sql.ExecuteAsync(location, [step], cancellationToken).ConfigureAwait(false)).Single();
            if (result.Outcome == SqlStepOutcome.Succeeded)
            {
                taken.Add(statement);
            }
            else
            {
                failures.Add($"the {due.Kind} backup of '{due.Database}' failed: {result.Error}");
            }
        }

        return taken;
    }

    private async Task<string> CleanUpAsync(
        InstanceLocation location,
        InstanceSnapshot snapshot,
        InstancePolicies stored,
        IReadOnlyList<BackupScheduleDatabase> databases,
        DateTimeOffset now,
        List<string> failures,
        CancellationToken cancellationToken)
    {
        var retentionDays = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var database in databases)
        {
            var policy = BackupPolicyResolver.Resolve(stored.Policy, database.Policy);
            if (policy.IsEnabled)
            {
                retentionDays[database.Name] = policy.Policy!.RetentionPeriodDays;
            }
        }

        var history = await sql.AutomatedBackupHistoryAsync(location, cancellationToken).ConfigureAwait(false);
        var plan = BackupRetentionPlanner.Plan(history, retentionDays, snapshot.DefaultBackupPath, now);
        failures.AddRange(plan.RejectedFiles.Select(rejected => rejected.Error));

        var deleted = 0;
        if (files is not null)
        {
            foreach (var file in plan.FilesToDelete)
            {
                if (files.Delete(snapshot.DefaultBackupPath, file) is { } error)
                {
                    failures.Add(error);
                }
                else
                {
                    deleted++;
                }
            }
        }

        if (plan.HistoryCleanup is { } cleanup)
        {
            var step = new SqlStep("msdb", cleanup.Sql, $"backup history cleanup before {cleanup.OldestDate:s}");
            var result = (await sql.ExecuteAsync(location, [step], cancellationToken).ConfigureAwait(false)).Single();
            if (result.Outcome != SqlStepOutcome.Succeeded)
            {
                failures.Add($"the msdb backup history cleanup failed: {result.Error}");
            }
        }

        store.RecordRetention(vmId, stored.InstanceName, now);
        var fileText = files is null ? "files are left in place on this host" : $"{deleted} of {plan.FilesToDelete.Count} files deleted";
        return $"retention cleanup: {plan.Expired.Count} expired backups, {fileText}, history cleanup {(plan.HistoryCleanup is null ? "not needed" : "run")}";
    }

    private static DateTimeOffset? LastStart(IReadOnlyList<LastBackupStart> starts, string database, BackupKind kind)
    {
        var matching = starts.Where(start => start.Database == database && start.Kind == kind).ToList();
        return matching.Count == 0 ? null : matching.Max(start => start.StartedAt);
    }

    // Names whose safe file-name forms differ only in case would write one file on a case-insensitive file system.
    private static HashSet<string> CollidingFileNameParts(IEnumerable<string> databaseNames) =>
        databaseNames
            .Select(name => BackupFileName.SafeDatabasePart(name))
            .GroupBy(part => part, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .SelectMany(group => group)
            .ToHashSet(StringComparer.Ordinal);
}
