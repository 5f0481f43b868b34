using System.Globalization;
using ArcActors.Contracts.Assessment;
using ArcActors.Contracts.Inventory;
using static ArcActors.Host.Assessment.AssessmentText;

namespace ArcActors.Host.Assessment;

/// <summary>Rules over instance configuration: memory, tempdb files, version support and edition.</summary>
public static class InstanceRules
{
    /// <summary>The engine's default max server memory, which means "no limit".</summary>
    public const long DefaultMaxServerMemoryMB = 2147483647;

    /// <summary>Below this max server memory the buffer pool is too small for a production workload.</summary>
    public const long LowMaxServerMemoryMB = 1024;

    /// <summary>Number of tempdb data files the guidance starts from on machines with more than 8 logical processors.</summary>
    public const int TempdbDataFileGuidance = 8;

    public static IReadOnlyList<InstanceRule> All { get; } =
    [
        new("MaxServerMemoryDefault", AssessmentSeverity.Medium, RecommendationLinks.ServerMemory, (instance, _) =>
            instance.MaxServerMemoryMB != DefaultMaxServerMemoryMB
                ? null
                : $"Instance {instance.InstanceName} has max server memory at the default {Number(DefaultMaxServerMemoryMB)} MB, so the buffer pool can take memory the OS and other processes need. " +
                  "Set max server memory to leave room for the OS, for example with sp_configure 'max server memory (MB)'."),

        new("MaxServerMemoryTooLow", AssessmentSeverity.Medium, RecommendationLinks.ServerMemory, (instance, _) =>
            instance.MaxServerMemoryMB >= LowMaxServerMemoryMB
                ? null
                : $"Instance {instance.InstanceName} has max server memory set to {Number(instance.MaxServerMemoryMB)} MB, below {Number(LowMaxServerMemoryMB)} MB, " +
                  "which starves the buffer pool and plan cache. Raise max server memory to what the host can spare."),

        new("TempdbSingleDataFile", AssessmentSeverity.Medium, RecommendationLinks.Tempdb, (instance, _) =>
            instance.TempdbDataFiles != 1
                ? null
                : $"Instance {instance.InstanceName} has 1 tempdb data file, which causes allocation page contention under concurrent workloads. " +
                  $"Add equally sized data files, one per logical processor up to {TempdbDataFileGuidance}."),

        new("TempdbFewerDataFilesThanProcessors", AssessmentSeverity.Low, RecommendationLinks.Tempdb, CheckFewerTempdbFiles),

        new("TempdbMoreThanEightDataFiles", AssessmentSeverity.Low, RecommendationLinks.Tempdb, (instance, _) =>
            instance.TempdbDataFiles <= TempdbDataFileGuidance
                ? null
                : $"Instance {instance.InstanceName} has {instance.TempdbDataFiles} tempdb data files. The guidance starts at {TempdbDataFileGuidance} and adds files in multiples of 4 " +
                  "only while allocation contention persists. Confirm that contention justified the extra files, or reduce them to 8."),

        new("VersionOutOfSupport", AssessmentSeverity.High, RecommendationLinks.EndOfSupport, CheckVersionSupport),

        new("EvaluationEdition", AssessmentSeverity.Medium, RecommendationLinks.EditionUpgrade, (instance, _) =>
            !string.Equals(instance.Edition, "Evaluation", StringComparison.OrdinalIgnoreCase)
                ? null
                : $"Instance {instance.InstanceName} runs Evaluation edition {instance.CurrentVersion}, which stops 180 days after installation. " +
                  "Upgrade it to a licensed edition with SQL Server Setup before it expires."),
    ];

    /// <summary>
    /// Flags 2 to 7 tempdb data files when the instance has more logical processors than files, up to 8.
    /// A single file has its own rule, and an unknown processor count (0) passes.
    /// </summary>
    private static string? CheckFewerTempdbFiles(InstanceSnapshot instance, DateTimeOffset now)
    {
        var recommended = Math.Min(instance.VCore, TempdbDataFileGuidance);
        if (instance.TempdbDataFiles < 2 || instance.TempdbDataFiles >= recommended)
        {
            return null;
        }

        return $"Instance {instance.InstanceName} has {instance.TempdbDataFiles} tempdb data files for {instance.VCore} logical processors. " +
               $"Add equally sized data files up to {recommended}, one per logical processor up to {TempdbDataFileGuidance}.";
    }

    private static string? CheckVersionSupport(InstanceSnapshot instance, DateTimeOffset now)
    {
        if (!SqlServerLifecycle.IsOutOfSupport(instance.CurrentVersion, now))
        {
            return null;
        }

        var end = SqlServerLifecycle.ExtendedSupportEndOf(instance.CurrentVersion)!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var label = instance.VersionLabel == "Unknown" ? "SQL Server" : instance.VersionLabel;
        return $"Instance {instance.InstanceName} runs {label} {instance.CurrentVersion}, whose extended support ended on {end}. " +
               "It gets no security updates without Extended Security Updates. Upgrade to a supported version.";
    }
}
