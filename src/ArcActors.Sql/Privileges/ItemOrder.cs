namespace ArcActors.Sql.Privileges;

/// <summary>
/// Orders items by kind, then by the database's position in the instance's list, then by name, so a
/// plan reads server-level work first and then one database at a time.
/// </summary>
internal sealed class ItemOrder : IComparer<PermissionItem>
{
    private readonly Dictionary<string, int> _databasePositions = new(StringComparer.Ordinal);

    public ItemOrder(IReadOnlyList<DatabaseTarget> databases)
    {
        for (var i = 0; i < databases.Count; i++)
        {
            _databasePositions.TryAdd(databases[i].Name, i);
        }
    }

    public int Compare(PermissionItem? x, PermissionItem? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byKind = x.Kind.CompareTo(y.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var byDatabase = Position(x.Database).CompareTo(Position(y.Database));
        if (byDatabase != 0)
        {
            return byDatabase;
        }

        var byDatabaseName = string.CompareOrdinal(x.Database, y.Database);
        if (byDatabaseName != 0)
        {
            return byDatabaseName;
        }

        var byName = string.CompareOrdinal(x.Name, y.Name);
        if (byName != 0)
        {
            return byName;
        }

        var bySchema = string.CompareOrdinal(x.Schema, y.Schema);
        return bySchema != 0 ? bySchema : string.CompareOrdinal(x.Object, y.Object);
    }

    private int Position(string database) =>
        database.Length == 0 ? -1 : _databasePositions.GetValueOrDefault(database, int.MaxValue);
}
