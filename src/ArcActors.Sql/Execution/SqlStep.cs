using ArcActors.Sql.Backups;
using ArcActors.Sql.Privileges;

namespace ArcActors.Sql.Execution;

/// <summary>One statement that changes a server, with the database it runs in and what it does, for logs and results.</summary>
public sealed record SqlStep(string Database, string Sql, string Description)
{
    public static IReadOnlyList<SqlStep> From(PrivilegePlan plan) =>
        plan.Statements.Select(statement => new SqlStep(statement.Database, statement.Sql, $"{statement.Action} {statement.Item}")).ToList();

    public static IReadOnlyList<SqlStep> From(BackupPlan plan) =>
        plan.Statements.Select(statement => new SqlStep(statement.RunInDatabase, statement.Sql, $"{statement.Kind} backup of {statement.Database}")).ToList();
}

/// <summary>The outcome of one step: done, failed (with the status and message the cloud side shows), or not run after an earlier failure.</summary>
public sealed record SqlStepResult(SqlStep Step, SqlStepOutcome Outcome, string Error = "");

public enum SqlStepOutcome
{
    Succeeded,
    Failed,
    NotRun,
}
