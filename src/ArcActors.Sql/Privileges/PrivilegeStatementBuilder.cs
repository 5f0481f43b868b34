namespace ArcActors.Sql.Privileges;

/// <summary>
/// Builds the T-SQL that adds or removes one <see cref="PermissionItem"/> for one principal. CREATE and
/// DROP are guarded by catalog checks; GRANT, REVOKE and ALTER ROLE need no guard because SQL Server
/// accepts them when the permission or membership is already in the requested state.
/// </summary>
public static class PrivilegeStatementBuilder
{
    /// <summary>Returns the statement for <paramref name="item"/>, with the database it must run in.</summary>
    /// <exception cref="ArgumentException">The principal name is empty or longer than a sysname.</exception>
    public static PrivilegeStatement Build(PermissionItem item, PrivilegeAction action, string principal)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);

        RequirePermissionKeyword(item);

        var quoted = SqlIdentifier.Quote(principal);
        var sql = action == PrivilegeAction.Grant ? GrantSql(item, principal, quoted) : RevokeSql(item, principal, quoted);
        var database = item.Database.Length == 0 ? FeaturePermissions.Master : item.Database;

        return new PrivilegeStatement(sql, database, action, item);
    }

    private static string GrantSql(PermissionItem item, string principal, string quoted) => item.Kind switch
    {
        PermissionKind.Login =>
            $"IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = {SqlStringLiteral.Unicode(principal)})\n" +
            $"    CREATE LOGIN {quoted} FROM WINDOWS WITH DEFAULT_DATABASE = [master];",
        PermissionKind.User =>
            $"IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = {SqlStringLiteral.Unicode(principal)})\n" +
            $"    CREATE USER {quoted} FOR LOGIN {quoted};",
        PermissionKind.ServerPermission or PermissionKind.DatabasePermission => $"GRANT {item.Name} TO {quoted};",
        PermissionKind.ServerRole => $"ALTER SERVER ROLE {SqlIdentifier.Quote(item.Name)} ADD MEMBER {quoted};",
        PermissionKind.DatabaseRole => $"ALTER ROLE {SqlIdentifier.Quote(item.Name)} ADD MEMBER {quoted};",
        PermissionKind.ObjectPermission => $"GRANT {item.Name} ON OBJECT::{ObjectName(item)} TO {quoted};",
        _ => throw UnknownKind(item),
    };

    private static string RevokeSql(PermissionItem item, string principal, string quoted) => item.Kind switch
    {
        PermissionKind.Login =>
            $"IF EXISTS (SELECT 1 FROM sys.server_principals WHERE name = {SqlStringLiteral.Unicode(principal)})\n" +
            $"    DROP LOGIN {quoted};",
        PermissionKind.User =>
            $"IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = {SqlStringLiteral.Unicode(principal)})\n" +
            $"    DROP USER {quoted};",
        PermissionKind.ServerPermission or PermissionKind.DatabasePermission => $"REVOKE {item.Name} FROM {quoted};",
        PermissionKind.ServerRole => $"ALTER SERVER ROLE {SqlIdentifier.Quote(item.Name)} DROP MEMBER {quoted};",
        PermissionKind.DatabaseRole => $"ALTER ROLE {SqlIdentifier.Quote(item.Name)} DROP MEMBER {quoted};",
        PermissionKind.ObjectPermission => $"REVOKE {item.Name} ON OBJECT::{ObjectName(item)} FROM {quoted};",
        _ => throw UnknownKind(item),
    };

    // Permission names are written into the statement unquoted, so only keywords such as
    // "VIEW SERVER STATE" pass: upper-case letters separated by single spaces.
    private static void RequirePermissionKeyword(PermissionItem item)
    {
        if (item.Kind is not (PermissionKind.ServerPermission or PermissionKind.DatabasePermission or PermissionKind.ObjectPermission))
        {
            return;
        }

        var words = item.Name.Split(' ');
        if (words.Any(word => word.Length == 0 || !word.All(char.IsAsciiLetterUpper)))
        {
            throw new ArgumentException(
                $"Permission '{item.Name}' is not a T-SQL permission keyword; use upper-case words such as VIEW SERVER STATE.",
                nameof(item));
        }
    }

    private static string ObjectName(PermissionItem item) => SqlIdentifier.Quote(item.Schema) + "." + SqlIdentifier.Quote(item.Object);

    private static ArgumentOutOfRangeException UnknownKind(PermissionItem item) =>
        new(nameof(item), item.Kind, "Unknown permission kind; add its statement to PrivilegeStatementBuilder.");
}
