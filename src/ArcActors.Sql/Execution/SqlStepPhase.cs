namespace ArcActors.Sql.Execution;

/// <summary>The part of a step's run that failed, named in the step's error.</summary>
internal enum SqlStepPhase
{
    BuildingConnectionString,
    Opening,
    Running,
}
