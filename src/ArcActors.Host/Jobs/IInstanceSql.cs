using ArcActors.Contracts.Discovery;
using ArcActors.Sql.Backups;
using ArcActors.Sql.Execution;

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
}
