using ArcActors.Host.Deployment;
using ArcActors.Sql.Execution;

namespace ArcActors.Tests.Deployment;

/// <summary>
/// A step runner that records every statement and applies it to a <see cref="GrantModel"/>, as a server
/// would. With <see cref="FailOn"/> set, the first step whose text contains it fails and the rest are not run.
/// </summary>
internal sealed class RecordingStepRunner(string principal) : ISqlStepRunner
{
    public GrantModel Model { get; } = new(principal);

    public List<SqlStep> Steps { get; } = [];

    public string? FailOn { get; set; }

    public Task<IReadOnlyList<SqlStepResult>> RunAsync(IReadOnlyList<SqlStep> steps, CancellationToken cancellationToken)
    {
        var results = new List<SqlStepResult>();
        foreach (var step in steps)
        {
            if (results.Any(result => result.Outcome != SqlStepOutcome.Succeeded))
            {
                results.Add(new SqlStepResult(step, SqlStepOutcome.NotRun, "an earlier step failed"));
                continue;
            }

            if (FailOn is not null && step.Sql.Contains(FailOn, StringComparison.Ordinal))
            {
                results.Add(new SqlStepResult(step, SqlStepOutcome.Failed, "Failed: permission denied"));
                continue;
            }

            Steps.Add(step);
            Model.Apply(step);
            results.Add(new SqlStepResult(step, SqlStepOutcome.Succeeded));
        }

        return Task.FromResult<IReadOnlyList<SqlStepResult>>(results);
    }
}
