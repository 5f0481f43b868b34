namespace ArcActors.Sql.Privileges;

/// <summary>
/// The kind of a <see cref="PermissionItem"/>. The member order is the order of a grant plan;
/// a revoke plan runs it backwards, so role memberships and grants go before users and the login.
/// </summary>
public enum PermissionKind
{
    /// <summary>The server login, created FROM WINDOWS.</summary>
    Login,

    /// <summary>A database user mapped to the login.</summary>
    User,

    /// <summary>A server-level permission such as VIEW SERVER STATE.</summary>
    ServerPermission,

    /// <summary>Membership of a fixed server role such as dbcreator.</summary>
    ServerRole,

    /// <summary>A database-level permission such as VIEW DATABASE STATE.</summary>
    DatabasePermission,

    /// <summary>Membership of a fixed database role such as db_datareader.</summary>
    DatabaseRole,

    /// <summary>A permission on one schema-qualified object such as <c>[dbo].[backupset]</c>.</summary>
    ObjectPermission,
}
