namespace ArcActors.Sql.Privileges;

/// <summary>
/// Statements to run in order, and the databases they leave out. CREATE and DROP are guarded and
/// GRANT, REVOKE and role changes are repeatable, so a plan interrupted halfway is meant to be run
/// again from the start. NOTE: that repeatability is checked against SQL Server's documented behavior,
/// not against a live instance.
/// </summary>
public sealed record PrivilegePlan(IReadOnlyList<PrivilegeStatement> Statements, IReadOnlyList<SkippedDatabase> Skipped)
{
    /// <summary>Items an uninstall plan keeps on purpose, such as the login while a skipped database may still hold its user.</summary>
    public IReadOnlyList<PrivilegeLeftover> Leftovers { get; init; } = [];
}
