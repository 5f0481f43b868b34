using ArcActors.Sql.Privileges;
using ArcActors.Sql.Tests.Tds;

namespace ArcActors.Sql.Tests;

/// <summary>
/// Returns the result sets of the <see cref="PermissionQueries"/> texts from the items one principal is
/// granted, as the catalog views would list them, and passes every other request to <see cref="FakeSqlServer.Answer"/>.
/// A request for another principal gets empty result sets, because SQL Server would find no rows for it.
/// </summary>
internal sealed class FakePermissionServer(string principal, IReadOnlySet<PermissionItem> grantedItems, IReadOnlyList<string> databases, FakeSqlServer? fallback = null)
{
    private readonly FakeSqlServer _fallback = fallback ?? new FakeSqlServer();

    public TdsTestServer Start() => TdsTestServer.Start(Answer, _fallback.CheckLogin);

    public TdsReply Answer(TdsRequest request)
    {
        var isPrincipal = request.TextParameter("@principal") == principal;
        var holdsLogin = isPrincipal && grantedItems.Contains(PermissionItem.Login());
        switch (request.Text)
        {
            case PermissionQueries.Login:
                return Reply(Names("name", holdsLogin ? [principal] : []));
            case PermissionQueries.ServerPermissions:
                return Reply(Names("permission_name", holdsLogin ? NamesOf(PermissionKind.ServerPermission, "") : []));
            case PermissionQueries.ServerRoles:
                return Reply(Names("role_name", holdsLogin ? NamesOf(PermissionKind.ServerRole, "") : []));
        }

        var database = databases.FirstOrDefault(name => request.Text == PermissionQueries.InDatabase(name));
        if (database is null)
        {
            return _fallback.Answer(request);
        }

        return InDatabase(database, holdsLogin) with { ChangedDatabase = database };
    }

    private TdsReply InDatabase(string database, bool holdsLogin)
    {
        var hasUser = holdsLogin && grantedItems.Contains(PermissionItem.User(database));
        var objects = grantedItems
            .Where(item => hasUser && item.Kind == PermissionKind.ObjectPermission && item.Database == database)
            .Select(item => new object?[] { item.Name, item.Schema, item.Object })
            .ToList();

        return TdsReply.Results(
            Names("name", hasUser ? [principal] : []),
            Names("permission_name", hasUser ? NamesOf(PermissionKind.DatabasePermission, database) : []),
            new TdsResultSet([TdsColumn.NVarChar("permission_name"), TdsColumn.NVarChar("schema_name"), TdsColumn.NVarChar("object_name")], objects),
            Names("role_name", hasUser ? NamesOf(PermissionKind.DatabaseRole, database) : []));
    }

    private IReadOnlyList<string> NamesOf(PermissionKind kind, string database) =>
        grantedItems.Where(item => item.Kind == kind && item.Database == database).Select(item => item.Name).ToList();

    private static TdsResultSet Names(string column, IReadOnlyList<string> values) =>
        new([TdsColumn.NVarChar(column)], values.Select(value => new object?[] { value }).ToList());

    private static TdsReply Reply(TdsResultSet resultSet) => TdsReply.Results(resultSet);
}
