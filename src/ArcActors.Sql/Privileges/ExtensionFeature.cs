namespace ArcActors.Sql.Privileges;

/// <summary>
/// A feature of the extension that needs SQL Server permissions beyond the base set. The base set
/// (login, a user in every database, inventory and msdb history reads) is always granted, so it
/// has no member here.
/// </summary>
public enum ExtensionFeature
{
    /// <summary>Automated backups and point-in-time restore, which Microsoft documents as one permission set.</summary>
    AutomatedBackups,
    AvailabilityGroupDiscovery,
    BestPracticesAssessment,
    MigrationAssessment,
    Purview,
}
