using ArcActors.Sql.Discovery;

namespace ArcActors.Sql.Privileges;

/// <summary>
/// The T-SQL that <see cref="PermissionReader"/> sends. The principal travels as the <c>@principal</c>
/// parameter (nvarchar(128)); only <see cref="InDatabase"/> puts a database name into text, quoted.
/// Grants count in state G (GRANT) and W (GRANT_WITH_GRANT_OPTION); a DENY counts as nothing granted.
/// </summary>
public static class PermissionQueries
{
    public const string Login = """
        SELECT sp.name
        FROM sys.server_principals AS sp
        WHERE sp.name = @principal;
        """;

    /// <summary>Permissions on the server itself (class 100, SERVER); endpoint and login permissions are not read.</summary>
    public const string ServerPermissions = """
        SELECT perm.permission_name
        FROM sys.server_permissions AS perm
        INNER JOIN sys.server_principals AS sp ON sp.principal_id = perm.grantee_principal_id
        WHERE sp.name = @principal
            AND perm.class = 100
            AND perm.state IN ('G', 'W');
        """;

    /// <summary>
    /// Server role memberships, user-defined roles included: a membership the plan does not contain is
    /// extra privilege whether or not the role is fixed.
    /// </summary>
    public const string ServerRoles = """
        SELECT r.name AS role_name
        FROM sys.server_role_members AS rm
        INNER JOIN sys.server_principals AS r ON r.principal_id = rm.role_principal_id
        INNER JOIN sys.server_principals AS sp ON sp.principal_id = rm.member_principal_id
        WHERE sp.name = @principal;
        """;

    /// <summary>The user of the current database mapped to the login by SID, whatever the user's name.</summary>
    public const string DatabaseUser = """
        SELECT dp.name
        FROM sys.database_principals AS dp
        INNER JOIN sys.server_principals AS sp ON sp.sid = dp.sid
        WHERE sp.name = @principal;
        """;

    /// <summary>
    /// Permissions on the current database (class 0). CONNECT is left out because CREATE USER grants it
    /// with the user, so it belongs to the user item rather than to a grant of the plan.
    /// </summary>
    public const string DatabasePermissions = """
        SELECT perm.permission_name
        FROM sys.database_permissions AS perm
        INNER JOIN sys.database_principals AS dp ON dp.principal_id = perm.grantee_principal_id
        INNER JOIN sys.server_principals AS sp ON sp.sid = dp.sid
        WHERE sp.name = @principal
            AND perm.class = 0
            AND perm.state IN ('G', 'W')
            AND perm.permission_name <> N'CONNECT';
        """;

    /// <summary>
    /// Permissions on whole objects (class 1, minor_id 0). sys.all_objects is read because the plan grants
    /// on system objects too, such as sys.xp_readerrorlog in master and sys.sql_expression_dependencies.
    /// </summary>
    public const string ObjectPermissions = """
        SELECT perm.permission_name, s.name AS schema_name, o.name AS object_name
        FROM sys.database_permissions AS perm
        INNER JOIN sys.all_objects AS o ON o.object_id = perm.major_id
        INNER JOIN sys.schemas AS s ON s.schema_id = o.schema_id
        INNER JOIN sys.database_principals AS dp ON dp.principal_id = perm.grantee_principal_id
        INNER JOIN sys.server_principals AS sp ON sp.sid = dp.sid
        WHERE sp.name = @principal
            AND perm.class = 1
            AND perm.minor_id = 0
            AND perm.state IN ('G', 'W');
        """;

    /// <summary>Database role memberships of the current database, user-defined roles included.</summary>
    public const string DatabaseRoles = """
        SELECT r.name AS role_name
        FROM sys.database_role_members AS rm
        INNER JOIN sys.database_principals AS r ON r.principal_id = rm.role_principal_id
        INNER JOIN sys.database_principals AS dp ON dp.principal_id = rm.member_principal_id
        INNER JOIN sys.server_principals AS sp ON sp.sid = dp.sid
        WHERE sp.name = @principal;
        """;

    /// <summary>
    /// Returns one batch that moves into <paramref name="database"/> and returns four result sets: the
    /// user, database permissions, object permissions and role memberships. Sent with a parameter, the
    /// batch runs through sp_executesql, so the USE lasts only for this batch.
    /// </summary>
    public static string InDatabase(string database) =>
        DiscoveryQueries.InDatabase(database) + DatabaseUser + DatabasePermissions + ObjectPermissions + DatabaseRoles;
}
