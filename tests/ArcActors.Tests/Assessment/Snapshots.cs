using ArcActors.Contracts.Assessment;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Assessment;

namespace ArcActors.Tests.Assessment;

/// <summary>Hand-built snapshots that pass every rule, for tests to break one fact at a time.</summary>
internal static class Snapshots
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public static InstanceSnapshot Instance(string edition = "Enterprise", string version = "16.0.4135.4") => new()
    {
        InstanceName = "SALES",
        Edition = edition,
        CurrentVersion = version,
        VCore = 4,
        MaxServerMemoryMB = 16384,
        TempdbDataFiles = 4,
    };

    /// <summary>An online user database in FULL recovery, encrypted, backed up and checked one hour ago.</summary>
    public static DatabaseSnapshot Database(string name = "orders") => new()
    {
        Name = name,
        CompatibilityLevel = 160,
        RecoveryMode = "Full",
        SizeMB = 1024,
        Options = new DatabaseOptions { IsEncrypted = true },
        LastFullBackup = Now.AddHours(-1),
        LastLogBackup = Now.AddHours(-1),
        LastGoodCheckDb = Now.AddHours(-1),
    };

    public static IReadOnlyList<AssessmentFinding> Assess(DatabaseSnapshot database, InstanceSnapshot? instance = null) =>
        BestPracticesAssessor.Assess(instance ?? Instance(), [database], Now).Findings;

    public static IReadOnlyList<string> RuleIds(DatabaseSnapshot database, InstanceSnapshot? instance = null) =>
        Assess(database, instance).Select(finding => finding.RuleId).ToList();
}
