using ArcActors.Contracts.Assessment;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Assessment;

/// <summary>Rules over database options: shrink, close, page verification, TRUSTWORTHY, statistics and encryption.</summary>
public static class DatabaseOptionRules
{
    public static IReadOnlyList<DatabaseRule> All { get; } =
    [
        new("AutoShrinkOn", AssessmentSeverity.Medium, RecommendationLinks.AutoShrink, context =>
            !context.Database.Options.IsAutoShrinkOn
                ? null
                : $"{context.Subject} has AUTO_SHRINK ON. Repeated shrinking and growing fragments indexes and files and competes with the workload. " +
                  $"Run ALTER DATABASE [{context.Name}] SET AUTO_SHRINK OFF."),

        new("AutoCloseOn", AssessmentSeverity.Medium, RecommendationLinks.DatabaseSetOptions, context =>
            !context.Database.Options.IsAutoCloseOn
                ? null
                : $"{context.Subject} has AUTO_CLOSE ON, so it is closed after the last user leaves and reopened, with its caches emptied, at the next connection. " +
                  $"Run ALTER DATABASE [{context.Name}] SET AUTO_CLOSE OFF."),

        new("PageVerifyNone", AssessmentSeverity.High, RecommendationLinks.PageVerify, context =>
            !PageVerifyIs(context, "NONE")
                ? null
                : $"{context.Subject} has PAGE_VERIFY NONE, so pages damaged by the I/O path are read without any error. " +
                  $"Run ALTER DATABASE [{context.Name}] SET PAGE_VERIFY CHECKSUM."),

        new("PageVerifyTornPageDetection", AssessmentSeverity.Medium, RecommendationLinks.PageVerify, context =>
            !PageVerifyIs(context, "TORN_PAGE_DETECTION")
                ? null
                : $"{context.Subject} has PAGE_VERIFY TORN_PAGE_DETECTION, which catches incomplete writes but not other damage to a page. " +
                  $"Run ALTER DATABASE [{context.Name}] SET PAGE_VERIFY CHECKSUM. Pages get a checksum the next time they are written."),

        // msdb ships with TRUSTWORTHY ON and SQL Server Agent relies on it.
        new("TrustworthyOn", AssessmentSeverity.High, RecommendationLinks.Trustworthy, context =>
            !context.Database.Options.IsTrustworthyOn || context.Is("msdb")
                ? null
                : $"{context.Subject} has TRUSTWORTHY ON, so when its owner is a sysadmin login, a member of its db_owner role can gain sysadmin rights through impersonation. " +
                  $"Run ALTER DATABASE [{context.Name}] SET TRUSTWORTHY OFF and sign code that needs server access with a certificate instead."),

        new("AutoCreateStatisticsOff", AssessmentSeverity.Medium, RecommendationLinks.Statistics, context =>
            context.Database.Options.IsAutoCreateStatsOn
                ? null
                : $"{context.Subject} has AUTO_CREATE_STATISTICS OFF, so the optimizer estimates columns without statistics and can pick poor plans. " +
                  $"Run ALTER DATABASE [{context.Name}] SET AUTO_CREATE_STATISTICS ON."),

        new("AutoUpdateStatisticsOff", AssessmentSeverity.Medium, RecommendationLinks.Statistics, context =>
            context.Database.Options.IsAutoUpdateStatsOn
                ? null
                : $"{context.Subject} has AUTO_UPDATE_STATISTICS OFF, so statistics go stale as data changes unless a maintenance job updates them. " +
                  $"Run ALTER DATABASE [{context.Name}] SET AUTO_UPDATE_STATISTICS ON, or confirm that such a job runs."),

        new("TransparentDataEncryptionOff", AssessmentSeverity.Information, RecommendationLinks.TransparentDataEncryption, context =>
            context.Database.Options.IsEncrypted || context.IsSystem || !SupportsTransparentDataEncryption(context.Instance)
                ? null
                : $"{context.Subject} is not encrypted with transparent data encryption (TDE), so its data and backup files can be read by anyone who copies them. " +
                  "Consider TDE where the data is sensitive."),
    ];

    private static bool PageVerifyIs(DatabaseContext context, string option) =>
        string.Equals(context.Database.Options.PageVerify, option, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// TDE is in Enterprise, Developer and Evaluation editions, and in Standard edition from SQL Server
    /// 2019 (major 15). Express and Web editions do not have it.
    /// </summary>
    private static bool SupportsTransparentDataEncryption(InstanceSnapshot instance)
    {
        string[] fullEditions = ["Enterprise", "Developer", "Evaluation"];
        if (fullEditions.Contains(instance.Edition, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        return string.Equals(instance.Edition, "Standard", StringComparison.OrdinalIgnoreCase)
            && SqlServerVersions.MajorOf(instance.CurrentVersion) >= 15;
    }
}
