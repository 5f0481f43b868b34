using ArcActors.Contracts.Discovery;
using ArcActors.Host.Deployment;
using ArcActors.Sql.Execution;

namespace ArcActors.Host.Jobs;

/// <summary>Runs plan steps on one located instance through <see cref="IInstanceSql"/>.</summary>
public sealed class InstanceStepRunner(IInstanceSql sql, InstanceLocation instance) : ISqlStepRunner
{
    public Task<IReadOnlyList<SqlStepResult>> RunAsync(IReadOnlyList<SqlStep> steps, CancellationToken cancellationToken) =>
        sql.ExecuteAsync(instance, steps, cancellationToken);
}
