using System.Collections.Concurrent;

namespace ArcActors.Sql.Privileges;

/// <summary>
/// The items granted to one principal on a simulated instance, changed by the statements the planner writes.
/// A statement is recognized when it is, character for character, the statement
/// <see cref="PrivilegeStatementBuilder"/> builds for an item of any feature in its database, or for an
/// item granted to the principal now. Thread-safe.
/// </summary>
/// <remarks>
/// NOTE: this is no T-SQL interpreter. A hand-written GRANT with other spacing or case is not recognized
/// and changes nothing; use <see cref="Add"/> and <see cref="Remove"/> to change the set by hand.
/// </remarks>
public sealed class SimulatedPrincipalPermissions(string principal)
{
    private static readonly ExtensionFeature[] AllFeatures = Enum.GetValues<ExtensionFeature>();

    private readonly HashSet<PermissionItem> _held = [];
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, PrivilegeStatement>> _plannerStatements = new(StringComparer.Ordinal);

    public string Principal { get; } = principal;

    /// <summary>
    /// Applies <paramref name="sql"/>, run in <paramref name="database"/>: a grant adds its item and a revoke
    /// removes it. Returns false, changing nothing, when the text is not a statement the planner writes.
    /// </summary>
    public bool TryApply(string database, string sql)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(sql);

        var statement = PlannerStatementsIn(database).GetValueOrDefault(sql) ?? HeldItemStatement(database, sql);
        if (statement is null)
        {
            return false;
        }

        lock (_gate)
        {
            if (statement.Action == PrivilegeAction.Grant)
            {
                _held.Add(statement.Item);
            }
            else
            {
                _held.Remove(statement.Item);
            }
        }

        return true;
    }

    /// <summary>Adds an item as a GRANT by hand would; returns false when it was held already.</summary>
    public bool Add(PermissionItem item)
    {
        lock (_gate)
        {
            return _held.Add(item);
        }
    }

    /// <summary>Removes an item as a REVOKE by hand would; returns false when it was not held.</summary>
    public bool Remove(PermissionItem item)
    {
        lock (_gate)
        {
            return _held.Remove(item);
        }
    }

    /// <summary>
    /// Returns what <see cref="PermissionReader"/> would read: nothing without the login, else the server-level
    /// items and the items in the readable databases of <paramref name="databases"/>.
    /// </summary>
    public IReadOnlySet<PermissionItem> Read(IReadOnlyList<DatabaseTarget> databases)
    {
        ArgumentNullException.ThrowIfNull(databases);

        var readable = databases.Where(database => database.IsReadable).Select(database => database.Name).ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            if (!_held.Contains(PermissionItem.Login()))
            {
                return new HashSet<PermissionItem>();
            }

            return _held.Where(item => item.Database.Length == 0 || readable.Contains(item.Database)).ToHashSet();
        }
    }

    private IReadOnlyDictionary<string, PrivilegeStatement> PlannerStatementsIn(string database) =>
        _plannerStatements.GetOrAdd(database, BuildPlannerStatements);

    // Every statement the planner can write that runs in this database, for every feature, keyed by its text.
    private IReadOnlyDictionary<string, PrivilegeStatement> BuildPlannerStatements(string database)
    {
        var targets = new List<DatabaseTarget>
        {
            new(FeaturePermissions.Master, IsSystem: true, IsReadable: true),
            new(FeaturePermissions.Msdb, IsSystem: true, IsReadable: true),
        };
        if (database != FeaturePermissions.Master && database != FeaturePermissions.Msdb)
        {
            targets.Add(new DatabaseTarget(database, IsSystem: false, IsReadable: true));
        }

        var statements = new Dictionary<string, PrivilegeStatement>(StringComparer.Ordinal);
        foreach (var item in LeastPrivilegePlanner.RequiredItems(AllFeatures, targets))
        {
            foreach (var action in new[] { PrivilegeAction.Grant, PrivilegeAction.Revoke })
            {
                var statement = PrivilegeStatementBuilder.Build(item, action, Principal);
                if (statement.Database == database)
                {
                    statements.TryAdd(statement.Sql, statement);
                }
            }
        }

        return statements;
    }

    // A statement for an item outside every feature's plan, such as an extra grant made by hand.
    private PrivilegeStatement? HeldItemStatement(string database, string sql)
    {
        List<PermissionItem> held;
        lock (_gate)
        {
            held = [.. _held];
        }

        return held
            .SelectMany(item => new[] { PrivilegeAction.Grant, PrivilegeAction.Revoke }.Select(action => PrivilegeStatementBuilder.Build(item, action, Principal)))
            .FirstOrDefault(statement => statement.Database == database && statement.Sql == sql);
    }
}
