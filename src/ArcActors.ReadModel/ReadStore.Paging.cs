using System.Text;
using System.Text.Json.Nodes;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>
    /// Returns up to <paramref name="pageSize"/> resources whose id starts with <paramref name="idPrefix"/>
    /// and whose type is <paramref name="type"/> (any type when null), ordered by id. Ids and types compare
    /// ASCII case-insensitively, and the order is that of the ids with ASCII letters lowered, in UTF-8 byte
    /// order, on SQLite and on PostgreSQL alike. Pass the last id of the previous page
    /// as <paramref name="afterId"/> to read the next page. Rows inserted or deleted between pages do not
    /// shift the pages, because the next page starts after an id and not after a row count.
    /// </summary>
    public IReadOnlyList<JsonObject> ListPage(string idPrefix, string? type, string? afterId, int pageSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(idPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);

        var upperBound = PrefixUpperBound(idPrefix);
        using var connection = OpenConnection();
        var rows = connection.Query(
            null,
            ListPageSql(_dialect, type is not null, afterId is not null, upperBound is not null),
            reader => new StoredRow(reader.GetString(0), reader.GetString(1), reader.NullableString(2), reader.NullableString(3), reader.GetString(4)),
            ("@prefix", idPrefix),
            ("@upper", upperBound),
            ("@type", type),
            ("@after", afterId),
            ("@limit", pageSize));

        var seen = LoadLastSeen(connection, rows.SelectMany(SeenKeys));
        return rows.Select(row => Materialize(row.Json, row.Type, row.VmId, row.ParentId, seen)).ToList();
    }

    // The query walks the unique index on the folded id from the prefix, or from the previous page's last
    // id, and stops at the first id past the prefix, so a page reads about pageSize rows whatever the table
    // size. With a type, the index on (type, id) serves the same walk inside one type.
    private static string ListPageSql(ReadStoreDialect dialect, bool hasType, bool hasAfter, bool hasUpper)
    {
        var id = dialect.Fold("id");
        var sql = new StringBuilder("SELECT id, type, vm_id, parent_id, json FROM resources WHERE ");
        sql.Append(hasAfter ? $"{id} > {dialect.Fold("@after")}" : $"{id} >= {dialect.Fold("@prefix")}");
        if (hasUpper)
        {
            sql.Append($" AND {id} < {dialect.Fold("@upper")}");
        }

        sql.Append($" AND {dialect.EqualsIgnoringCase("substr(id, 1, length(@prefix))", "@prefix")}");
        if (hasType)
        {
            sql.Append($" AND {dialect.EqualsIgnoringCase("type", "@type")}");
        }

        return sql.Append($" ORDER BY {id} LIMIT @limit").ToString();
    }

    /// <summary>
    /// Returns a string that sorts, under SQLite's NOCASE collation and under the folding of
    /// <see cref="ReadStoreDialect"/> on PostgreSQL, after every id that starts with
    /// <paramref name="prefix"/>: the prefix with ASCII letters lowered and its last character raised by
    /// one. The bound may let a few other ids through, which the exact prefix test then drops. Returns
    /// null when the last character is a surrogate or U+FFFF, and the query then reads to the end of the index.
    /// </summary>
    internal static string? PrefixUpperBound(string prefix)
    {
        var folded = AsciiLower(prefix);
        var last = folded[^1];
        if (char.IsSurrogate(last) || last == char.MaxValue)
        {
            return null;
        }

        return string.Concat(folded.AsSpan(0, folded.Length - 1), [(char)(last + 1)]);
    }

    // SQLite's NOCASE, like lower() under PostgreSQL's "C" collation, folds only the ASCII letters A to Z.
    private static string AsciiLower(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + ('a' - 'A')) : source[i];
            }
        });
}
