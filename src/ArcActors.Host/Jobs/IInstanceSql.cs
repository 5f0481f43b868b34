using ArcActors.Contracts.Discovery;
using ArcActors.Sql.Backups;
using ArcActors.Sql.Execution;
using ArcActors.Sql.Privileges;

namespace ArcActors.Host.Jobs;

/// <summary>
/// How job handlers change a SQL Server instance and read its backup history: through
/// Microsoft.Data.SqlClient on a real host (<see cref="SqlClientInstanceSql"/>), or a simulated server.
/// </summary>
public interface IInstanceSql
{
    /// <summary>Runs the steps in order; see <see cref="SqlStatementExecutor.ExecuteAsync"/>.</summary>
    Task<IReadOnlyList<SqlStepResult>> ExecuteAsync(InstanceLocation instance, IReadOnlyList<SqlStep> steps, CancellationToken cancellationToken);

    /// <summary>Returns true when msdb records a finished backup of the kind with this description.</summary>
    Task<bool> BackupFinishedAsync(InstanceLocation instance, string database, BackupKind kind, string description, CancellationToken cancellationToken);

    /// <summary>Returns, per database and kind, when the newest backup that started at or after <paramref name="since"/> started (UTC).</summary>
    Task<IReadOnlyList<LastBackupStart>> LastBackupStartsAsync(InstanceLocation instance, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Returns the msdb history of the backups automated backups wrote, with their files.</summary>
    Task<IReadOnlyList<BackupHistoryEntry>> AutomatedBackupHistoryAsync(InstanceLocation instance, CancellationToken cancellationToken);

    /// <summary>Returns the items granted to <paramref name="principal"/> now; see <see cref="PermissionReader.ReadAsync"/>.</summary>
    Task<IReadOnlySet<PermissionItem>> ReadPermissionsAsync(
        InstanceLocation instance, string principal, IReadOnlyList<DatabaseTarget> databases, CancellationToken cancellationToken);
}
