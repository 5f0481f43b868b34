namespace ArcActors.Sql.Backups;

/// <summary>The level whose backup policy applies to a database.</summary>
public enum BackupPolicyLevel
{
    /// <summary>Neither the database nor the instance has a policy.</summary>
    None,

    /// <summary>The instance policy applies because the database has none of its own.</summary>
    Instance,

    /// <summary>The database policy applies and overrides the instance policy.</summary>
    Database,
}
