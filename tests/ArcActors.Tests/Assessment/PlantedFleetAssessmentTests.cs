using ArcActors.Contracts.Assessment;
using ArcActors.Host.Assessment;
using Xunit;

namespace ArcActors.Tests.Assessment;

public sealed class PlantedFleetAssessmentTests
{
    private const string InstancesHost = "asmt-instances-01";
    private const string DatabasesHost = "asmt-databases-02";
    private const string CleanHost = "asmt-clean-03";

    /// <summary>Where fleets/assessment-planted.yaml plants the one problem of each rule, written by hand from the file.</summary>
    private static readonly Dictionary<string, (string Host, string Instance, string Database)> Planted = new()
    {
        ["MaxServerMemoryDefault"] = (InstancesHost, "MEMDEFAULT", ""),
        ["MaxServerMemoryTooLow"] = (InstancesHost, "MEMLOW", ""),
        ["TempdbSingleDataFile"] = (InstancesHost, "TEMPDBONE", ""),
        ["TempdbFewerDataFilesThanProcessors"] = (InstancesHost, "TEMPDBFEW", ""),
        ["TempdbMoreThanEightDataFiles"] = (InstancesHost, "TEMPDBMANY", ""),
        ["VersionOutOfSupport"] = (InstancesHost, "SQL2014", ""),
        ["EvaluationEdition"] = (InstancesHost, "EVAL", ""),
        ["AutoShrinkOn"] = (DatabasesHost, "DBRULES", "autoshrink_db"),
        ["AutoCloseOn"] = (DatabasesHost, "DBRULES", "autoclose_db"),
        ["PageVerifyNone"] = (DatabasesHost, "DBRULES", "pageverify_none_db"),
        ["PageVerifyTornPageDetection"] = (DatabasesHost, "DBRULES", "torn_page_db"),
        ["TrustworthyOn"] = (DatabasesHost, "DBRULES", "trustworthy_db"),
        ["AutoCreateStatisticsOff"] = (DatabasesHost, "DBRULES", "no_autocreatestats_db"),
        ["AutoUpdateStatisticsOff"] = (DatabasesHost, "DBRULES", "no_autoupdatestats_db"),
        ["TransparentDataEncryptionOff"] = (DatabasesHost, "DBRULES", "unencrypted_db"),
        ["FullBackupMissing"] = (DatabasesHost, "DBRULES", "no_full_backup_db"),
        ["LogBackupMissing"] = (DatabasesHost, "DBRULES", "stale_log_backup_db"),
        ["CheckDbMissing"] = (DatabasesHost, "DBRULES", "stale_checkdb_db"),
        ["CompatibilityLevelBelowEngine"] = (DatabasesHost, "DBRULES", "old_compat_db"),
        ["SimpleRecoveryUserDatabase"] = (DatabasesHost, "DBRULES", "simple_recovery_db"),
        ["DatabaseNotOnline"] = (DatabasesHost, "DBRULES", "suspect_db"),
        ["DatabaseOffline"] = (DatabasesHost, "DBRULES", "offline_db"),
        ["ExpressDatabaseNearSizeLimit"] = (DatabasesHost, "EXPRESS", "express_full_db"),
    };

    private static async Task<List<(string Host, AssessmentFinding Finding)>> FindingsAsync()
    {
        var reports = await PlantedFleet.AssessAsync();
        return reports.SelectMany(pair => pair.Value.Findings.Select(finding => (pair.Key.Host, finding))).ToList();
    }

    [Fact]
    public void PlantedFleet_PlantsEveryRule()
    {
        var ruleIds = AssessmentRuleSet.All.Select(rule => rule.Id).Order().ToList();

        Assert.Equal(Planted.Keys.Order(), ruleIds);
    }

    [Fact]
    public async Task PlantedFleet_EachRuleFoundOnceWherePlanted()
    {
        var findings = await FindingsAsync();

        foreach (var (ruleId, expected) in Planted)
        {
            var found = findings.Where(pair => pair.Finding.RuleId == ruleId).ToList();
            Assert.True(found.Count == 1, $"rule {ruleId}: expected 1 finding, got {found.Count}: {string.Join(" | ", found.Select(pair => pair.Finding.Message))}");

            var (host, finding) = found[0];
            Assert.Equal((expected.Host, expected.Instance, expected.Database), (host, finding.InstanceName, finding.DatabaseName));
        }
    }

    [Fact]
    public async Task PlantedFleet_NoFindingBeyondPlanted()
    {
        var findings = await FindingsAsync();
        var unexpected = findings
            .Where(pair => !Planted.TryGetValue(pair.Finding.RuleId, out var expected)
                || expected != (pair.Host, pair.Finding.InstanceName, pair.Finding.DatabaseName))
            .Select(pair => $"{pair.Finding.RuleId} on {pair.Host}/{pair.Finding.InstanceName}/{pair.Finding.DatabaseName}")
            .ToList();

        Assert.Empty(unexpected);
    }

    [Fact]
    public async Task PlantedFleet_CleanInstanceHasNoFindings()
    {
        var reports = await PlantedFleet.AssessAsync();
        var clean = reports[(CleanHost, "MSSQLSERVER")];

        Assert.Empty(clean.Findings);
    }

    [Fact]
    public async Task PlantedFleet_ScopeMatchesDatabaseName()
    {
        var findings = await FindingsAsync();

        foreach (var (_, finding) in findings)
        {
            var expectedScope = finding.DatabaseName.Length == 0 ? AssessmentScope.Instance : AssessmentScope.Database;
            Assert.Equal(expectedScope, finding.Scope);
        }
    }

    [Fact]
    public async Task PlantedFleet_MessagesNameTheObject()
    {
        var findings = await FindingsAsync();

        foreach (var (_, finding) in findings)
        {
            Assert.False(string.IsNullOrWhiteSpace(finding.Message), $"rule {finding.RuleId} has an empty message");
            Assert.Contains(finding.InstanceName, finding.Message, StringComparison.Ordinal);
            Assert.Contains(finding.DatabaseName, finding.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PlantedFleet_MessagesNameTheValueFound()
    {
        var findings = (await FindingsAsync()).ToDictionary(pair => pair.Finding.RuleId, pair => pair.Finding.Message);

        Assert.Contains("512 MB", findings["MaxServerMemoryTooLow"]);
        Assert.Contains("2,147,483,647 MB", findings["MaxServerMemoryDefault"]);
        Assert.Contains("12 tempdb data files", findings["TempdbMoreThanEightDataFiles"]);
        Assert.Contains("2 tempdb data files for 4 logical processors", findings["TempdbFewerDataFilesThanProcessors"]);
        Assert.Contains("12.0.6449.1", findings["VersionOutOfSupport"]);
        Assert.Contains("2024-07-09", findings["VersionOutOfSupport"]);
        Assert.Contains("compatibility level 130, below 160", findings["CompatibilityLevelBelowEngine"]);
        Assert.Contains("2026-11-28 00:00 UTC, 48.0 hours", findings["LogBackupMissing"]);
        Assert.Contains("no full backup was ever recorded", findings["FullBackupMissing"]);
        Assert.Contains("2026-11-20 02:00 UTC", findings["CheckDbMissing"]);
        Assert.Contains("state Suspect", findings["DatabaseNotOnline"]);
        Assert.Contains("9,000 MB", findings["ExpressDatabaseNearSizeLimit"]);
        Assert.Contains("PAGE_VERIFY NONE", findings["PageVerifyNone"]);
    }

    [Fact]
    public async Task PlantedFleet_ReportsCarryRuleCountAndTime()
    {
        var fleet = PlantedFleet.Load();
        var reports = await PlantedFleet.AssessAsync();

        foreach (var ((_, instance), report) in reports)
        {
            Assert.Equal(instance, report.InstanceName);
            Assert.Equal(fleet.Start, report.AssessedAt);
            Assert.True(report.RuleCount >= 20, $"rule count {report.RuleCount} is below 20");
        }
    }
}
