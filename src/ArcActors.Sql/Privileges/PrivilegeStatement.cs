namespace ArcActors.Sql.Privileges;

/// <summary>
/// One T-SQL statement of a privilege plan. The caller connects to <see cref="Database"/> (or runs
/// <c>USE</c> for it) before it runs <see cref="Sql"/>; the text itself contains no USE.
/// </summary>
/// <param name="Sql">The statement text, with every identifier bracket-quoted and every string an N'' literal.</param>
/// <param name="Database">The database the statement runs in; master for server-level statements.</param>
/// <param name="Action">Whether the statement adds or removes <paramref name="Item"/>.</param>
/// <param name="Item">What the statement grants or removes.</param>
public sealed record PrivilegeStatement(string Sql, string Database, PrivilegeAction Action, PermissionItem Item);
