using System.Text.Json;
using ArcActors.Contracts.Assessment;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Assessment;
using Xunit;
using static ArcActors.Tests.Assessment.Snapshots;

namespace ArcActors.Tests.Assessment;

public sealed class InstanceBoundaryTests
{
    private static IReadOnlyList<string> RuleIds(InstanceSnapshot instance, DateTimeOffset? at = null) =>
        BestPracticesAssessor.Assess(instance, [], at ?? Now).Findings.Select(finding => finding.RuleId).ToList();

    [Fact]
    public void Baseline_HealthyInstanceHasNoFindings()
    {
        Assert.Empty(RuleIds(Instance()));
    }

    [Fact]
    public void MaxServerMemory_1024MBPasses()
    {
        Assert.Empty(RuleIds(Instance() with { MaxServerMemoryMB = 1024 }));
        Assert.Equal(["MaxServerMemoryTooLow"], RuleIds(Instance() with { MaxServerMemoryMB = 1023 }));
    }

    [Fact]
    public void Tempdb_FileCountBoundaries()
    {
        var big = Instance() with { VCore = 32 };

        Assert.Equal(["TempdbSingleDataFile"], RuleIds(big with { TempdbDataFiles = 1 }));
        Assert.Equal(["TempdbFewerDataFilesThanProcessors"], RuleIds(big with { TempdbDataFiles = 7 }));
        Assert.Empty(RuleIds(big with { TempdbDataFiles = 8 }));
        Assert.Equal(["TempdbMoreThanEightDataFiles"], RuleIds(big with { TempdbDataFiles = 9 }));
        Assert.Empty(RuleIds(Instance() with { VCore = 2, TempdbDataFiles = 2 }));
    }

    [Fact]
    public void VersionSupport_LastDayStillSupported()
    {
        var sql2016 = Instance(version: "13.0.6300.2");

        Assert.Empty(RuleIds(sql2016, new DateTimeOffset(2026, 7, 14, 23, 59, 0, TimeSpan.Zero)));
        Assert.Equal(["VersionOutOfSupport"], RuleIds(sql2016, new DateTimeOffset(2026, 7, 15, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void VersionSupport_OlderThan2012Reported()
    {
        Assert.Equal(["VersionOutOfSupport"], RuleIds(Instance(version: "10.50.6000.34")));
    }

    [Fact]
    public void FailedProbe_NoFindings()
    {
        var failed = new InstanceSnapshot { InstanceName = "SALES", Edition = "", CurrentVersion = "", Status = ProbeStatus.LoginFailed };

        Assert.Empty(RuleIds(failed));
    }

    [Fact]
    public void Findings_SortedBySeverityThenObject()
    {
        var instance = Instance("Evaluation") with { TempdbDataFiles = 1 };
        var damaged = Database("b_orders") with { Options = new DatabaseOptions { PageVerify = "NONE", IsAutoShrinkOn = true } };
        var simple = Database("a_reports") with { RecoveryMode = "Simple" };

        var findings = BestPracticesAssessor.Assess(instance, [damaged, simple], Now).Findings;
        var keys = findings.Select(finding => (finding.Severity, finding.Scope, finding.DatabaseName, finding.RuleId)).ToList();

        Assert.Equal(6, findings.Count);
        Assert.Equal(keys.OrderBy(key => key.Severity).ThenBy(key => key.Scope).ThenBy(key => key.DatabaseName, StringComparer.Ordinal)
            .ThenBy(key => key.RuleId, StringComparer.Ordinal), keys);
        Assert.Equal(AssessmentSeverity.High, findings[0].Severity);
        Assert.Equal(AssessmentSeverity.Information, findings[^1].Severity);
    }

    [Fact]
    public void Report_RoundTripsThroughJson()
    {
        var report = BestPracticesAssessor.Assess(Instance() with { TempdbDataFiles = 1 }, [], Now);

        var json = JsonSerializer.Serialize(report);
        var copy = JsonSerializer.Deserialize<AssessmentReport>(json)!;

        Assert.Contains("\"Severity\":\"Medium\"", json);
        Assert.Contains("\"Scope\":\"Instance\"", json);
        Assert.Equal(report.InstanceName, copy.InstanceName);
        Assert.Equal(report.AssessedAt, copy.AssessedAt);
        Assert.Equal(report.RuleCount, copy.RuleCount);
        Assert.Equal(report.Findings, copy.Findings);
    }
}
