namespace ArcActors.Sql.Execution;

/// <summary>Whether a step succeeded, failed, or was not run because an earlier step failed or the run was cancelled.</summary>
public enum SqlStepOutcome
{
    Succeeded,
    Failed,
    NotRun,
}
