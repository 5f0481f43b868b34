using ArcActors.Contracts.Assessment;
using static ArcActors.Host.Assessment.AssessmentText;

namespace ArcActors.Host.Assessment;

/// <summary>Rules over a database's state and size limits.</summary>
public static class DatabaseStateRules
{
    /// <summary>Largest relational database SQL Server Express edition allows, in MB (10 GB).</summary>
    public const double ExpressDatabaseLimitMB = 10240;

    /// <summary>Share of the Express limit from which a database is reported.</summary>
    public const double ExpressWarningShare = 0.8;

    private static readonly string[] DamagedStates = ["Suspect", "RecoveryPending", "Emergency"];

    public static IReadOnlyList<DatabaseRule> All { get; } =
    [
        new("DatabaseNotOnline", AssessmentSeverity.High, RecommendationLinks.DatabaseStates, context =>
            !DamagedStates.Contains(context.Database.State, StringComparer.OrdinalIgnoreCase)
                ? null
                : $"{context.Subject} is in state {context.Database.State} and cannot be used. Check the SQL Server error log for the cause, " +
                  "then restore it from backup or repair it. Run DBCC CHECKDB once it is online again.",
            onlineOnly: false),

        new("DatabaseOffline", AssessmentSeverity.Information, RecommendationLinks.DatabaseStates, context =>
            !string.Equals(context.Database.State, "Offline", StringComparison.OrdinalIgnoreCase)
                ? null
                : $"{context.Subject} is OFFLINE, so it is neither backed up nor checked for corruption. " +
                  "Bring it online if it is still needed. If it is retired, bring it online once for a final backup, then drop it.",
            onlineOnly: false),

        // NOTE: SizeMB counts data and log files, but the Express limit applies to data files only,
        // so a database with a large log is reported early.
        new("ExpressDatabaseNearSizeLimit", AssessmentSeverity.Medium, RecommendationLinks.Editions, context =>
            !string.Equals(context.Instance.Edition, "Express", StringComparison.OrdinalIgnoreCase) || context.Database.SizeMB < ExpressDatabaseLimitMB * ExpressWarningShare
                ? null
                : $"{context.Subject} is {Number(context.Database.SizeMB)} MB on Express edition, whose databases stop growing at {Number(ExpressDatabaseLimitMB)} MB. " +
                  "Archive or purge data, or upgrade the instance to Standard edition."),
    ];
}
