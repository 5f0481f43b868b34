using ArcActors.Sql.Execution;

namespace ArcActors.Host.Deployment;

/// <summary>Runs SQL steps in order and returns one result per step, in the same order, without throwing for a failed step.</summary>
public interface ISqlStepRunner
{
    Task<IReadOnlyList<SqlStepResult>> RunAsync(IReadOnlyList<SqlStep> steps, CancellationToken cancellationToken);
}
