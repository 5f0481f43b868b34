namespace ArcActors.Sql.Privileges;

/// <summary>
/// Plans the statements that give the extension's principal exactly the permissions its enabled
/// features need. Every plan is the difference between two sets of <see cref="PermissionItem"/>s,
/// so an item two features need stays while either of them is enabled.
/// </summary>
public static class LeastPrivilegePlanner
{
    /// <summary>The virtual account the Windows extension service runs as when least privilege is on.</summary>
    public const string DefaultPrincipal = @"NT Service\SQLServerExtension";

    /// <summary>Returns every item the base set and <paramref name="features"/> need on the usable databases.</summary>
    /// <exception cref="ArgumentException">The database list lacks master or msdb, or names a database twice.</exception>
    public static IReadOnlySet<PermissionItem> RequiredItems(IEnumerable<ExtensionFeature> features, IReadOnlyList<DatabaseTarget> databases)
    {
        ArgumentNullException.ThrowIfNull(features);

        var usable = UsableDatabases(databases, out _);
        var usableSet = usable.ToHashSet(StringComparer.Ordinal);
        var items = new HashSet<PermissionItem>(FeaturePermissions.Base(usable));

        foreach (var feature in features.Distinct())
        {
            items.UnionWith(FeaturePermissions.For(feature, usable));
        }

        // master and msdb items come from the catalog, so drop them when those databases cannot take statements.
        items.RemoveWhere(item => item.Database.Length > 0 && !usableSet.Contains(item.Database));
        return items;
    }

    /// <summary>Plans every grant the enabled features need; run it at install and on each hourly re-apply.</summary>
    public static PrivilegePlan PlanApply(IEnumerable<ExtensionFeature> enabled, string principal, IReadOnlyList<DatabaseTarget> databases) =>
        PlanChange([], enabled, principal, databases, fromNothing: true);

    /// <summary>
    /// Plans the change from one set of enabled features to another: grants for items only the new set
    /// needs, then revokes for items only the old set needed. The login and users belong to the base
    /// set and are never dropped here.
    /// </summary>
    public static PrivilegePlan PlanChange(
        IEnumerable<ExtensionFeature> enabledBefore,
        IEnumerable<ExtensionFeature> enabledAfter,
        string principal,
        IReadOnlyList<DatabaseTarget> databases) =>
        PlanChange(enabledBefore, enabledAfter, principal, databases, fromNothing: false);

    /// <summary>
    /// Plans removal of everything any feature could have granted: role memberships and permissions
    /// first, then the user in each database, then the login. Items that were never granted cost one
    /// harmless REVOKE each, so the plan does not depend on knowing which features were on.
    /// While a database other than tempdb is skipped (offline or read-only), the login is not dropped and
    /// is listed in <see cref="PrivilegePlan.Leftovers"/>: that database may still hold the principal's
    /// user and grants from an earlier apply, and dropping the login would leave that user orphaned.
    /// NOTE: DROP USER fails while the user owns a schema (it has ALTER ANY SCHEMA in msdb), and DROP LOGIN
    /// fails while the login has open sessions; the plan does not transfer ownership or end sessions.
    /// </summary>
    public static PrivilegePlan PlanUninstall(string principal, IReadOnlyList<DatabaseTarget> databases)
    {
        var everything = RequiredItems(Enum.GetValues<ExtensionFeature>(), databases);
        UsableDatabases(databases, out var skipped);
        var statements = Diff(everything, new HashSet<PermissionItem>(), principal, databases);

        var uncleaned = skipped
            .Where(database => !string.Equals(database.Database, FeaturePermissions.Tempdb, StringComparison.Ordinal))
            .Select(database => SqlIdentifier.Quote(database.Database))
            .ToList();
        if (uncleaned.Count == 0)
        {
            return new PrivilegePlan(statements, skipped);
        }

        var reason = $"The login is kept because {string.Join(", ", uncleaned)} could not be cleaned (see Skipped) and may still hold its user; "
            + "dropping the login would leave that user orphaned. Bring those databases online and READ_WRITE, then run the uninstall again.";
        return new PrivilegePlan(statements.Where(statement => statement.Item.Kind != PermissionKind.Login).ToList(), skipped)
        {
            Leftovers = [new PrivilegeLeftover(PermissionItem.Login(), reason)],
        };
    }

    /// <summary>
    /// Returns the statements that turn <paramref name="current"/> into <paramref name="target"/>:
    /// grants in <see cref="PermissionKind"/> order, then revokes in reverse order.
    /// </summary>
    public static IReadOnlyList<PrivilegeStatement> Diff(
        IReadOnlySet<PermissionItem> current,
        IReadOnlySet<PermissionItem> target,
        string principal,
        IReadOnlyList<DatabaseTarget> databases)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);

        var order = new ItemOrder(databases);
        var grants = target.Where(item => !current.Contains(item)).OrderBy(item => item, order);
        var revokes = current.Where(item => !target.Contains(item)).OrderByDescending(item => item, order);

        var statements = new List<PrivilegeStatement>();
        statements.AddRange(grants.Select(item => PrivilegeStatementBuilder.Build(item, PrivilegeAction.Grant, principal)));
        statements.AddRange(revokes.Select(item => PrivilegeStatementBuilder.Build(item, PrivilegeAction.Revoke, principal)));
        return statements;
    }

    private static PrivilegePlan PlanChange(
        IEnumerable<ExtensionFeature> enabledBefore,
        IEnumerable<ExtensionFeature> enabledAfter,
        string principal,
        IReadOnlyList<DatabaseTarget> databases,
        bool fromNothing)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);

        IReadOnlySet<PermissionItem> before = fromNothing ? new HashSet<PermissionItem>() : RequiredItems(enabledBefore, databases);
        var after = RequiredItems(enabledAfter, databases);
        UsableDatabases(databases, out var skipped);

        return new PrivilegePlan(Diff(before, after, principal, databases), skipped);
    }

    // tempdb is left out: it is rebuilt from model at every start, and CONNECT ANY DATABASE covers it.
    private static List<string> UsableDatabases(IReadOnlyList<DatabaseTarget> databases, out List<SkippedDatabase> skipped)
    {
        ArgumentNullException.ThrowIfNull(databases);
        RequireSystemDatabases(databases);

        skipped = [];
        var usable = new List<string>();
        foreach (var database in databases)
        {
            var reason = SkipReason(database);
            if (reason is null)
            {
                usable.Add(database.Name);
            }
            else
            {
                skipped.Add(new SkippedDatabase(database.Name, reason));
            }
        }

        return usable;
    }

    private static string? SkipReason(DatabaseTarget database)
    {
        if (string.Equals(database.Name, FeaturePermissions.Tempdb, StringComparison.Ordinal))
        {
            return "tempdb is rebuilt at every start; CONNECT ANY DATABASE already lets the principal use it.";
        }

        if (!database.IsReadable)
        {
            return "The database is not open (offline, restoring or recovering); its grants are planned on the next re-apply after it comes online.";
        }

        if (database.IsReadOnly)
        {
            return "The database is read-only, so CREATE USER and GRANT fail in it; set it READ_WRITE and re-apply to grant there.";
        }

        return null;
    }

    private static void RequireSystemDatabases(IReadOnlyList<DatabaseTarget> databases)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var database in databases)
        {
            ArgumentNullException.ThrowIfNull(database, nameof(databases));
            if (!names.Add(database.Name))
            {
                throw new ArgumentException(
                    $"Database '{database.Name}' appears twice in the list; pass each row of sys.databases once.", nameof(databases));
            }
        }

        foreach (var required in new[] { FeaturePermissions.Master, FeaturePermissions.Msdb })
        {
            if (!names.Contains(required))
            {
                throw new ArgumentException(
                    $"The database list lacks {required}; pass every row of sys.databases, system databases included.", nameof(databases));
            }
        }
    }
}
