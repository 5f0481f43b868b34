using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Assessment;

/// <summary>A database under assessment, with its instance and the time the assessment runs at.</summary>
public sealed record DatabaseContext(InstanceSnapshot Instance, DatabaseSnapshot Database, DateTimeOffset Now)
{
    private static readonly HashSet<string> SystemDatabaseNames = new(StringComparer.OrdinalIgnoreCase) { "master", "model", "msdb", "tempdb" };

    public string Name => Database.Name;

    public bool IsSystem => SystemDatabaseNames.Contains(Database.Name);
    public bool IsUser => !IsSystem;
    public bool IsTempdb => Is("tempdb");
    public bool IsOnline => string.Equals(Database.State, "Online", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns whether this is the named database; system database names ignore case.</summary>
    public bool Is(string name) => string.Equals(Database.Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns whether the recovery model is the given ARM recoveryMode (Full, Bulk-logged or Simple).</summary>
    public bool RecoveryModeIs(string mode) => string.Equals(Database.RecoveryMode, mode, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when the database belongs to an availability group whose local replica is a secondary.
    /// Backups taken on another replica are recorded in that replica's msdb, so the backup times
    /// reported here do not show whether the database is protected.
    /// </summary>
    public bool IsOnAvailabilityGroupSecondary => Instance.AvailabilityGroups.Any(group =>
        string.Equals(group.LocalRole, "SECONDARY", StringComparison.OrdinalIgnoreCase)
        && group.Databases.Any(database => database.IsLocal && Is(database.DatabaseName)));

    /// <summary>The database as a DBA names it in a message: "Database [orders] on instance SALES".</summary>
    public string Subject => $"Database [{Database.Name}] on instance {Instance.InstanceName}";
}
