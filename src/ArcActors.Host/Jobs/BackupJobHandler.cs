using System.Text.Json;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Relay;
using ArcActors.Sql.Backups;
using ArcActors.Sql.Execution;

namespace ArcActors.Host.Jobs;

/// <summary>
/// Takes one backup (parameters <c>database</c> and <c>type</c>: Full, Differential or Log) of the job's
/// instance, following the backup planner's rules. The backup set's description carries the job id,
/// and every attempt first looks for it in msdb: a backup that an earlier, crashed attempt finished is
/// not taken again. A BACKUP statement is never retried within an attempt.
/// </summary>
public sealed class BackupJobHandler(IDiscoverySource source, IInstanceSql sql, TimeProvider clock) : IJobHandler
{
    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var job = run.Job;
        var kind = ParseKind(job.Parameter("type", nameof(BackupKind.Full)));
        var databaseName = job.Parameter("database");
        if (databaseName.Length == 0)
        {
            throw new JobInputException("the Backup job has no 'database' parameter; name the database to back up.");
        }

        var location = await InstanceLookup.LocateAsync(source, run.Machine.HostName, job.InstanceName, cancellationToken).ConfigureAwait(false);
        var instance = await InstanceLookup.ProbeAsync(source, location, cancellationToken).ConfigureAwait(false);
        var entry = InstanceLookup.FindDatabase(instance, databaseName);
        var database = await source.ProbeDatabaseAsync(location, entry, cancellationToken).ConfigureAwait(false);
        var description = $"ArcActors job {job.JobId:D}";

        if (await sql.BackupFinishedAsync(location, entry.Name, kind, description, cancellationToken).ConfigureAwait(false))
        {
            return JobOutcome.Succeeded($"the {kind} backup of '{entry.Name}' had already finished in an earlier attempt; it was not taken again.",
                Result(entry.Name, kind, "", alreadyTaken: true));
        }

        // An on-demand backup needs no automated-backup policy; the default policy only lets the planner's other rules decide.
        var backupInstance = new BackupInstance(instance.Edition, run.Machine.Extension.LicenseType, instance.AlwaysOnRole,
            instance.AvailabilityGroups.Count > 0, instance.DefaultBackupPath, BackupPolicy.Default);
        var now = clock.GetUtcNow().UtcDateTime;
        var plan = BackupPlanner.Plan(backupInstance, [new BackupDatabase(entry.Name, database.State, database.RecoveryMode, LastFullBackup: database.LastFullBackup)],
            kind, now);
        if (plan.IsRejected)
        {
            return JobOutcome.Failed($"no backup of '{entry.Name}' on instance '{instance.InstanceName}': {plan.RejectionReason}");
        }

        if (plan.Statements.Count == 0)
        {
            return JobOutcome.Failed($"no {kind} backup of '{entry.Name}': {string.Join("; ", plan.Skipped.Select(skip => skip.Reason))}");
        }

        var statement = BackupStatementBuilder.Build(entry.Name, kind, instance.DefaultBackupPath, now, BackupCompression.IsSupported(instance.Edition),
            description: description);
        var step = new SqlStep(statement.RunInDatabase, statement.Sql, $"{kind} backup of {entry.Name}") { Retryable = false, CommandTimeout = TimeSpan.Zero };
        var result = (await sql.ExecuteAsync(location, [step], cancellationToken).ConfigureAwait(false)).Single();
        return result.Outcome == SqlStepOutcome.Succeeded
            ? JobOutcome.Succeeded($"{kind} backup of '{entry.Name}' written to {statement.FilePath}", Result(entry.Name, kind, statement.FilePath, alreadyTaken: false))
            : JobOutcome.Failed($"the {kind} backup of '{entry.Name}' failed: {result.Error}");
    }

    private static BackupKind ParseKind(string text) =>
        Enum.TryParse<BackupKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new JobInputException($"backup type '{text}' is unknown; use Full, Differential or Log.");

    private static string Result(string database, BackupKind kind, string file, bool alreadyTaken) =>
        JsonSerializer.Serialize(new { database, type = kind.ToString(), file, alreadyTaken });
}
