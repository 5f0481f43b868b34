using ArcActors.Sql.Privileges;

namespace ArcActors.Host.Deployment;

/// <summary>Picks the least privilege plan for a change of enabled features, where null features mean least privilege is off.</summary>
public static class LeastPrivilegePlans
{
    public static readonly PrivilegePlan Empty = new([], []);

    /// <summary>
    /// Returns the plan from <paramref name="before"/> to <paramref name="after"/>: nothing while least
    /// privilege stays off, every grant when it goes on, the removal of everything (login included) when it
    /// goes off, and the difference when only the features change.
    /// </summary>
    public static PrivilegePlan ForChange(
        IReadOnlySet<ExtensionFeature>? before,
        IReadOnlySet<ExtensionFeature>? after,
        string principal,
        IReadOnlyList<DatabaseTarget> databases) => (before, after) switch
        {
            (null, null) => Empty,
            (null, not null) => LeastPrivilegePlanner.PlanApply(after, principal, databases),
            (not null, null) => LeastPrivilegePlanner.PlanUninstall(principal, databases),
            _ => LeastPrivilegePlanner.PlanChange(before, after, principal, databases),
        };
}
