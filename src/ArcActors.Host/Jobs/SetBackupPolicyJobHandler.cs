using System.Text.Json;
using ArcActors.Host.Relay;
using ArcActors.Sql.Backups;

namespace ArcActors.Host.Jobs;

/// <summary>
/// Stores the backup policy that a SetBackupPolicy job carries (parameter <c>policy</c>, see
/// <see cref="BackupPolicyJson"/>) in <see cref="BackupPolicyStore"/>, where the host's backup schedule reads it.
/// With parameter <c>database</c> the policy is that database's own, and an empty policy removes it. Delivering the same job again stores the same row again. A job queued before the stored
/// policy's job succeeds without changing it.
/// </summary>
public sealed class SetBackupPolicyJobHandler(BackupPolicyStore store) : IJobHandler
{
    public Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var job = run.Job;
        if (string.IsNullOrEmpty(job.InstanceName))
        {
            throw new JobInputException("the SetBackupPolicy job names no instance; backup policies are set per instance.");
        }

        var database = job.Parameter("database");
        var target = database.Length == 0 ? $"instance '{job.InstanceName}'" : $"instance '{job.InstanceName}' database '{database}'";
        var policy = BackupPolicyJson.Read(job.Parameter("policy"));
        if (policy is not null && policy.RetentionPeriodDays != 0 && BackupPolicyResolver.Resolve(policy, null).DisabledReason is { } invalid)
        {
            throw new JobInputException($"{target}: {invalid}");
        }

        var stored = store.Set(job.VmId, job.InstanceName, database, policy, job.QueuedAt, job.JobId);
        var result = database.Length == 0
            ? JsonSerializer.Serialize(new { instanceName = job.InstanceName, policy, stored })
            : JsonSerializer.Serialize(new { instanceName = job.InstanceName, databaseName = database, policy, stored });
        if (!stored)
        {
            return Task.FromResult(JobOutcome.Succeeded(
                $"{target}: a backup policy queued later is already stored, so this older one was not applied.", result));
        }

        var message = policy switch
        {
            null when database.Length > 0 => $"{target}: the database's own policy is removed, so the instance policy applies.",
            null or { RetentionPeriodDays: 0 } => $"{target}: automated backups are off.",
            _ => $"{target}: backup policy stored (retention {policy.RetentionPeriodDays} days, full every {policy.FullBackupDays} days, "
                + $"differential every {policy.DifferentialBackupHours} hours, log every {policy.TransactionLogBackupMinutes} minutes; 0 takes the default).",
        };
        return Task.FromResult(JobOutcome.Succeeded(message, result));
    }
}
