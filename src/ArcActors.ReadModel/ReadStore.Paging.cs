using System.Text.Json.Nodes;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>
    /// Returns up to <paramref name="pageSize"/> resources whose id starts with <paramref name="idPrefix"/>
    /// and whose type is <paramref name="type"/> (any type when null), ordered by id. Ids and types compare
    /// ASCII case-insensitively, the collation of the resources table. Pass the last id of the previous page
    /// as <paramref name="afterId"/> to read the next page. Rows inserted or deleted between pages do not
    /// shift the pages, because the next page starts after an id and not after a row count.
    /// </summary>
    public IReadOnlyList<JsonObject> ListPage(string idPrefix, string? type, string? afterId, int pageSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(idPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);

        using var connection = OpenConnection();
        var seen = LoadLastSeen(connection);
        var rows = connection.Query(
            null,
            """
            SELECT id, type, vm_id, parent_id, json FROM resources
            WHERE substr(id, 1, length($prefix)) = $prefix COLLATE NOCASE
              AND ($type IS NULL OR type = $type)
              AND ($after IS NULL OR id > $after)
            ORDER BY id
            LIMIT $limit
            """,
            reader => (Type: reader.GetString(1), VmId: reader.NullableString(2), ParentId: reader.NullableString(3), Json: reader.GetString(4)),
            ("$prefix", idPrefix),
            ("$type", type),
            ("$after", afterId),
            ("$limit", pageSize));

        return rows.Select(row => Materialize(row.Json, row.Type, row.VmId, row.ParentId, seen)).ToList();
    }
}
