using ArcActors.Contracts.Assessment;
using ArcActors.Contracts.Inventory;
using static ArcActors.Host.Assessment.AssessmentText;

namespace ArcActors.Host.Assessment;

/// <summary>Rules over backups, integrity checks, recovery model and compatibility level.</summary>
public static class DatabaseMaintenanceRules
{
    /// <summary>Oldest full backup that passes; a backup exactly this old still passes.</summary>
    public static readonly TimeSpan MaximumFullBackupAge = TimeSpan.FromDays(7);

    /// <summary>Oldest log backup that passes for a database in the FULL or BULK_LOGGED recovery model.</summary>
    public static readonly TimeSpan MaximumLogBackupAge = TimeSpan.FromHours(24);

    /// <summary>Oldest successful DBCC CHECKDB that passes.</summary>
    public static readonly TimeSpan MaximumCheckDbAge = TimeSpan.FromDays(7);

    public static IReadOnlyList<DatabaseRule> All { get; } =
    [
        new("FullBackupMissing", AssessmentSeverity.High, RecommendationLinks.FullBackups, CheckFullBackup),
        new("LogBackupMissing", AssessmentSeverity.High, RecommendationLinks.LogBackups, CheckLogBackup),
        new("CheckDbMissing", AssessmentSeverity.Medium, RecommendationLinks.CheckDb, CheckIntegrityCheck),
        new("CompatibilityLevelBelowEngine", AssessmentSeverity.Low, RecommendationLinks.CompatibilityLevel, CheckCompatibilityLevel),
        new("SimpleRecoveryUserDatabase", AssessmentSeverity.Information, RecommendationLinks.RecoveryModels, CheckSimpleRecovery),
    ];

    /// <summary>
    /// Every database but tempdb, which SQL Server cannot back up, needs a full backup within
    /// <see cref="MaximumFullBackupAge"/>. Databases on an availability group secondary are skipped,
    /// because their backups may run on another replica and are recorded in that replica's msdb.
    /// </summary>
    private static string? CheckFullBackup(DatabaseContext context)
    {
        var last = context.Database.LastFullBackup;
        if (context.IsTempdb || context.IsOnAvailabilityGroupSecondary || !IsMissingOrOlderThan(last, context.Now, MaximumFullBackupAge))
        {
            return null;
        }

        return $"{context.Subject} has no full backup in the last {MaximumFullBackupAge.TotalDays:0} days: {LastEvent("full backup", last, context.Now, inHours: false)}. " +
               "Schedule full backups at least weekly, or turn on automated backups.";
    }

    /// <summary>
    /// A database in the FULL or BULK_LOGGED recovery model keeps its log until a log backup, so it
    /// needs one within <see cref="MaximumLogBackupAge"/>. The rule skips tempdb and model, because
    /// model is installed in FULL recovery and only passes that setting to new databases. It skips
    /// read-only databases, because their log does not grow. It skips databases without any full
    /// backup, because their log is truncated at each checkpoint until the first full backup, and
    /// FullBackupMissing reports them. It also skips databases on an availability group secondary.
    /// </summary>
    private static string? CheckLogBackup(DatabaseContext context)
    {
        var database = context.Database;
        var keepsLog = context.RecoveryModeIs("Full") || context.RecoveryModeIs("Bulk-logged");
        if (!keepsLog || context.IsTempdb || context.Is("model") || database.IsReadOnly || database.LastFullBackup is null || context.IsOnAvailabilityGroupSecondary)
        {
            return null;
        }

        if (!IsMissingOrOlderThan(database.LastLogBackup, context.Now, MaximumLogBackupAge))
        {
            return null;
        }

        return $"{context.Subject} uses the {database.RecoveryMode.ToUpperInvariant().Replace('-', '_')} recovery model but has no log backup in the last {MaximumLogBackupAge.TotalHours:0} hours: " +
               $"{LastEvent("log backup", database.LastLogBackup, context.Now, inHours: true)}. Its log grows until backed up, and a restore loses everything since the last backup. " +
               "Schedule log backups, or switch to SIMPLE if point-in-time restore is not needed.";
    }

    /// <summary>Every database but tempdb, whose last good CHECKDB SQL Server does not record, needs a clean DBCC CHECKDB within <see cref="MaximumCheckDbAge"/>.</summary>
    private static string? CheckIntegrityCheck(DatabaseContext context)
    {
        var last = context.Database.LastGoodCheckDb;
        if (context.IsTempdb || !IsMissingOrOlderThan(last, context.Now, MaximumCheckDbAge))
        {
            return null;
        }

        return $"{context.Subject} has no successful DBCC CHECKDB in the last {MaximumCheckDbAge.TotalDays:0} days: {LastEvent("clean DBCC CHECKDB", last, context.Now, inHours: false)}. " +
               "Corruption found late may already be in every backup you keep. Schedule DBCC CHECKDB at least weekly.";
    }

    /// <summary>
    /// A user database below the engine's default compatibility level misses optimizer and language
    /// improvements. System databases are skipped, because SQL Server sets their level itself on upgrade.
    /// </summary>
    private static string? CheckCompatibilityLevel(DatabaseContext context)
    {
        var engineLevel = SqlServerVersions.DefaultCompatibilityLevel(context.Instance.CurrentVersion);
        var level = context.Database.CompatibilityLevel;
        if (context.IsSystem || engineLevel == 0 || level == 0 || level >= engineLevel)
        {
            return null;
        }

        return $"{context.Subject} has compatibility level {level}, below {engineLevel}, the level of {context.Instance.VersionLabel} it runs on. " +
               $"Test the workload at level {engineLevel} (Query Store helps find regressions) and raise it with ALTER DATABASE [{context.Name}] SET COMPATIBILITY_LEVEL = {engineLevel}.";
    }

    /// <summary>
    /// A writable user database in SIMPLE recovery cannot be restored to a point in time, and
    /// automated backups take only full and differential backups of it. This is information only,
    /// because SIMPLE is a valid choice where losing the changes since the last backup is acceptable.
    /// </summary>
    private static string? CheckSimpleRecovery(DatabaseContext context)
    {
        if (context.IsSystem || context.Database.IsReadOnly || !context.RecoveryModeIs("Simple"))
        {
            return null;
        }

        return $"{context.Subject} uses the SIMPLE recovery model, so it can only be restored to its last full or differential backup. " +
               $"Confirm that this meets its recovery point objective, or run ALTER DATABASE [{context.Name}] SET RECOVERY FULL and schedule log backups.";
    }
}
