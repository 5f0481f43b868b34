using System.Text.Json;
using ArcActors.Host.Relay;
using ArcActors.Sql.Backups;

namespace ArcActors.Host.Jobs;

/// <summary>
/// Stores the instance-level backup policy that a SetBackupPolicy job carries (parameter <c>policy</c>,
/// see <see cref="BackupPolicyJson"/>) in <see cref="BackupPolicyStore"/>, where the host's backup schedule
/// reads it. Delivering the same job again stores the same row again. A job queued before the stored
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

        if (job.Parameter("database").Length > 0)
        {
            throw new JobInputException(
                $"the SetBackupPolicy job names database '{job.Parameter("database")}', but only instance-level policies are supported; leave 'database' out.");
        }

        var policy = BackupPolicyJson.Read(job.Parameter("policy"));
        if (policy is not null && policy.RetentionPeriodDays != 0 && BackupPolicyResolver.Resolve(policy, null).DisabledReason is { } invalid)
        {
            throw new JobInputException($"instance '{job.InstanceName}': {invalid}");
        }

        var stored = store.Set(job.VmId, job.InstanceName, policy, job.QueuedAt, job.JobId);
        var result = JsonSerializer.Serialize(new { instanceName = job.InstanceName, policy, stored });
        if (!stored)
        {
            return Task.FromResult(JobOutcome.Succeeded(
                $"instance '{job.InstanceName}': a backup policy queued later is already stored, so this older one was not applied.", result));
        }

        var message = policy is null || policy.RetentionPeriodDays == 0
            ? $"instance '{job.InstanceName}': automated backups are off."
            : $"instance '{job.InstanceName}': backup policy stored (retention {policy.RetentionPeriodDays} days, full every {policy.FullBackupDays} days, "
                + $"differential every {policy.DifferentialBackupHours} hours, log every {policy.TransactionLogBackupMinutes} minutes; 0 takes the default).";
        return Task.FromResult(JobOutcome.Succeeded(message, result));
    }
}
