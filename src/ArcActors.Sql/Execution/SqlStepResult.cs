namespace ArcActors.Sql.Execution;

/// <summary>The outcome of one step: done, failed (with the status and message the cloud side shows), or not run after an earlier failure.</summary>
public sealed record SqlStepResult(SqlStep Step, SqlStepOutcome Outcome, string Error = "");
