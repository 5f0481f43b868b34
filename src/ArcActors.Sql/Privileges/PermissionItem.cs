namespace ArcActors.Sql.Privileges;

/// <summary>
/// One thing the extension's principal holds on an instance: the login, a user, a permission or a
/// role membership. Plans are differences between sets of these items.
/// </summary>
/// <param name="Kind">What the item is.</param>
/// <param name="Database">The database of a user, database permission, role or object; empty for server-level items.</param>
/// <param name="Name">The permission (for example SELECT) or role (for example db_datareader); empty for the login and users.</param>
/// <param name="Schema">The object's schema for <see cref="PermissionKind.ObjectPermission"/>, otherwise empty.</param>
/// <param name="Object">The object's name for <see cref="PermissionKind.ObjectPermission"/>, otherwise empty.</param>
public sealed record PermissionItem(PermissionKind Kind, string Database, string Name, string Schema = "", string Object = "")
{
    public static PermissionItem Login() => new(PermissionKind.Login, "", "");

    public static PermissionItem User(string database) => new(PermissionKind.User, database, "");

    public static PermissionItem ServerPermission(string permission) => new(PermissionKind.ServerPermission, "", permission);

    public static PermissionItem ServerRole(string role) => new(PermissionKind.ServerRole, "", role);

    public static PermissionItem DatabasePermission(string database, string permission) =>
        new(PermissionKind.DatabasePermission, database, permission);

    public static PermissionItem DatabaseRole(string database, string role) => new(PermissionKind.DatabaseRole, database, role);

    public static PermissionItem ObjectPermission(string database, string permission, string schema, string objectName) =>
        new(PermissionKind.ObjectPermission, database, permission, schema, objectName);

    /// <summary>Returns a short description such as "SELECT ON [dbo].[backupset] in msdb" for logs.</summary>
    public override string ToString() => Kind switch
    {
        PermissionKind.Login => "login",
        PermissionKind.User => $"user in {Database}",
        PermissionKind.ServerPermission => $"server permission {Name}",
        PermissionKind.ServerRole => $"server role {Name}",
        PermissionKind.DatabasePermission => $"{Name} in {Database}",
        PermissionKind.DatabaseRole => $"role {Name} in {Database}",
        _ => $"{Name} ON [{Schema}].[{Object}] in {Database}",
    };
}
