namespace ArcActors.Sql.Privileges;

/// <summary>
/// The difference between what the principal has been granted and what least privilege requires: items that were
/// removed by hand (missing) and items granted beyond the plan (extra), each sorted by kind, database and name.
/// </summary>
public sealed record LeastPrivilegeDrift(IReadOnlyList<PermissionItem> Missing, IReadOnlyList<PermissionItem> Extra)
{
    public static readonly LeastPrivilegeDrift None = new([], []);

    public bool HasDrift => Missing.Count > 0 || Extra.Count > 0;

    /// <summary>Returns the items of <paramref name="required"/> absent from <paramref name="current"/>, and the reverse.</summary>
    public static LeastPrivilegeDrift Compute(IReadOnlySet<PermissionItem> current, IReadOnlySet<PermissionItem> required)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(required);

        var order = new ItemOrder([]);
        var missing = required.Where(item => !current.Contains(item)).Order(order).ToList();
        var extra = current.Where(item => !required.Contains(item)).Order(order).ToList();
        return new LeastPrivilegeDrift(missing, extra);
    }

    /// <summary>
    /// Returns the statements that grant the missing items and revoke the extra ones, in the planner's
    /// order. <see cref="LeastPrivilegePlanner.Diff"/> acts only on the difference of its two sets, so the
    /// extra items stand in for the current set and the missing items for the target.
    /// </summary>
    public IReadOnlyList<PrivilegeStatement> FixStatements(string principal, IReadOnlyList<DatabaseTarget> databases) =>
        LeastPrivilegePlanner.Diff(Extra.ToHashSet(), Missing.ToHashSet(), principal, databases);

    /// <summary>Returns "no drift", or the missing and extra items, such as "1 missing: server permission VIEW SERVER STATE".</summary>
    public override string ToString()
    {
        if (!HasDrift)
        {
            return "no drift";
        }

        var parts = new List<string>();
        if (Missing.Count > 0)
        {
            parts.Add($"{Missing.Count} missing: {string.Join(", ", Missing)}");
        }

        if (Extra.Count > 0)
        {
            parts.Add($"{Extra.Count} extra: {string.Join(", ", Extra)}");
        }

        return string.Join("; ", parts);
    }
}
