using ArcActors.Sql.Execution;

namespace ArcActors.Host.Deployment;

/// <summary>Runs steps on a live instance through <see cref="SqlStatementExecutor"/>.</summary>
public sealed class SqlStatementExecutorRunner(SqlStatementExecutor executor) : ISqlStepRunner
{
    public Task<IReadOnlyList<SqlStepResult>> RunAsync(IReadOnlyList<SqlStep> steps, CancellationToken cancellationToken) =>
        executor.ExecuteAsync(steps, cancellationToken);
}
