using ArcActors.Contracts.Discovery;
using ArcActors.Sql.Backups;
using ArcActors.Sql.Discovery;
using ArcActors.Sql.Execution;
using ArcActors.Sql.Privileges;

namespace ArcActors.Host.Jobs;

/// <summary>Reaches each instance through Microsoft.Data.SqlClient with the connection string its locator found.</summary>
public sealed class SqlClientInstanceSql(SqlDiscoveryOptions options) : IInstanceSql
{
    public Task<IReadOnlyList<SqlStepResult>> ExecuteAsync(InstanceLocation instance, IReadOnlyList<SqlStep> steps, CancellationToken cancellationToken) =>
        new SqlStatementExecutor(ConnectionString(instance), options).ExecuteAsync(steps, cancellationToken);

    public Task<bool> BackupFinishedAsync(InstanceLocation instance, string database, BackupKind kind, string description, CancellationToken cancellationToken) =>
        BackupHistoryQuery.FinishedAsync(ConnectionString(instance), options, database, kind, description, cancellationToken);

    public Task<IReadOnlyList<LastBackupStart>> LastBackupStartsAsync(InstanceLocation instance, DateTimeOffset since, CancellationToken cancellationToken) =>
        BackupStartTimesQuery.ReadAsync(ConnectionString(instance), options, since, cancellationToken);

    public Task<IReadOnlyList<BackupHistoryEntry>> AutomatedBackupHistoryAsync(InstanceLocation instance, CancellationToken cancellationToken) =>
        AutomatedBackupHistoryQuery.ReadAsync(ConnectionString(instance), options, cancellationToken);

    public Task<IReadOnlySet<PermissionItem>> ReadPermissionsAsync(
        InstanceLocation instance, string principal, IReadOnlyList<DatabaseTarget> databases, CancellationToken cancellationToken) =>
        PermissionReader.ReadAsync(ConnectionString(instance), options, principal, databases, cancellationToken);

    private static string ConnectionString(InstanceLocation instance) =>
        string.IsNullOrEmpty(instance.ConnectionString)
            ? throw new InvalidOperationException($"instance '{instance.InstanceName}' has no connection string; its locator could not say how to reach it.")
            : instance.ConnectionString;
}
