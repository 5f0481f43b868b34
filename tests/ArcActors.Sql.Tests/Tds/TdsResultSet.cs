namespace ArcActors.Sql.Tests.Tds;

/// <summary>One result set: column definitions and rows, a null cell being SQL NULL.</summary>
public sealed record TdsResultSet(IReadOnlyList<TdsColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    public static TdsResultSet Single(TdsColumn column, object? value) => new([column], [[value]]);
}
