using ArcActors.Sql.Backups;

namespace ArcActors.Host.Jobs;

/// <summary>What one schedule pass did on one instance.</summary>
/// <param name="InstanceName">The instance.</param>
/// <param name="Rejection">Why the instance takes no automated backups (for example a failover cluster instance), or null.</param>
/// <param name="Error">Why the pass could not read or reach the instance, or null.</param>
/// <param name="Taken">The BACKUP statements that succeeded.</param>
/// <param name="Failures">One message per backup or cleanup step that failed.</param>
/// <param name="Retention">A summary of the retention cleanup when it ran in this pass, else null.</param>
public sealed record InstanceBackupOutcome(
    string InstanceName,
    string? Rejection,
    string? Error,
    IReadOnlyList<BackupStatement> Taken,
    IReadOnlyList<string> Failures,
    string? Retention)
{
    public static InstanceBackupOutcome Rejected(string instanceName, string rejection) => new(instanceName, rejection, null, [], [], null);

    public static InstanceBackupOutcome Unreachable(string instanceName, string error) => new(instanceName, null, error, [], [], null);
}
