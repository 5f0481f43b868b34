using ArcActors.Contracts.Assessment;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Assessment;
using Xunit;
using static ArcActors.Tests.Assessment.Snapshots;

namespace ArcActors.Tests.Assessment;

public sealed class BoundaryTests
{
    [Fact]
    public void Baseline_HealthyDatabaseHasNoFindings()
    {
        Assert.Empty(Assess(Database()));
    }

    [Fact]
    public void LogBackup_Exactly24HoursPasses()
    {
        var database = Database() with { LastLogBackup = Now.AddHours(-24) };

        Assert.DoesNotContain("LogBackupMissing", RuleIds(database));
    }

    [Fact]
    public void LogBackup_OneSecondPast24HoursFound()
    {
        var database = Database() with { LastLogBackup = Now.AddHours(-24).AddSeconds(-1) };

        Assert.Equal(["LogBackupMissing"], RuleIds(database));
    }

    [Fact]
    public void LogBackup_NeverTakenFound()
    {
        var database = Database() with { LastLogBackup = null };

        Assert.Equal(["LogBackupMissing"], RuleIds(database));
    }

    [Fact]
    public void LogBackup_BulkLoggedNeedsLogBackups()
    {
        var database = Database() with { RecoveryMode = "Bulk-logged", LastLogBackup = null };

        Assert.Equal(["LogBackupMissing"], RuleIds(database));
    }

    [Fact]
    public void LogBackup_SkippedWithoutFullBackup()
    {
        var database = Database() with { LastFullBackup = null, LastLogBackup = null };

        Assert.Equal(["FullBackupMissing"], RuleIds(database));
    }

    [Fact]
    public void LogBackup_ReadOnlyDatabaseSkipped()
    {
        var database = Database() with { IsReadOnly = true, LastLogBackup = null };

        Assert.Empty(RuleIds(database));
    }

    [Fact]
    public void FullBackup_Exactly7DaysPasses()
    {
        var database = Database() with { LastFullBackup = Now.AddDays(-7) };

        Assert.DoesNotContain("FullBackupMissing", RuleIds(database));
    }

    [Fact]
    public void FullBackup_OneMinutePast7DaysFound()
    {
        var database = Database() with { LastFullBackup = Now.AddDays(-7).AddMinutes(-1) };

        Assert.Equal(["FullBackupMissing"], RuleIds(database));
    }

    [Fact]
    public void CheckDb_Exactly7DaysPasses()
    {
        var database = Database() with { LastGoodCheckDb = Now.AddDays(-7) };

        Assert.DoesNotContain("CheckDbMissing", RuleIds(database));
    }

    [Fact]
    public void CheckDb_NeverRunFound()
    {
        var database = Database() with { LastGoodCheckDb = null };

        var finding = Assert.Single(Assess(database));
        Assert.Equal("CheckDbMissing", finding.RuleId);
        Assert.Contains("no clean DBCC CHECKDB was ever recorded", finding.Message);
    }

    [Fact]
    public void ProbeError_DatabaseSkippedEntirely()
    {
        var database = new DatabaseSnapshot
        {
            Name = "locked",
            ProbeError = "database 'locked' on instance SALES: login failed",
            Options = new DatabaseOptions { IsAutoShrinkOn = true, PageVerify = "NONE" },
        };

        Assert.Empty(Assess(database));
    }

    [Fact]
    public void ProbeError_OtherDatabasesStillAssessed()
    {
        var failed = new DatabaseSnapshot { Name = "locked", ProbeError = "permission denied" };
        var shrinking = Database("shrinking") with { Options = new DatabaseOptions { IsEncrypted = true, IsAutoShrinkOn = true } };

        var findings = BestPracticesAssessor.Assess(Instance(), [failed, shrinking], Now).Findings;

        var finding = Assert.Single(findings);
        Assert.Equal("shrinking", finding.DatabaseName);
    }

    [Fact]
    public void Tempdb_NoBackupOrCheckDbFindings()
    {
        var tempdb = new DatabaseSnapshot { Name = "tempdb", RecoveryMode = "Simple", CompatibilityLevel = 160 };

        Assert.Empty(Assess(tempdb));
    }

    [Fact]
    public void Tempdb_NameIgnoresCase()
    {
        var tempdb = new DatabaseSnapshot { Name = "TempDB", RecoveryMode = "Simple", CompatibilityLevel = 160 };

        Assert.Empty(Assess(tempdb));
    }

    [Fact]
    public void Model_FullRecoveryWithoutLogBackupPasses()
    {
        var model = Database("model") with { LastLogBackup = null, Options = new DatabaseOptions() };

        Assert.Empty(Assess(model));
    }

    [Fact]
    public void SystemDatabases_OldCompatibilityLevelPasses()
    {
        foreach (var name in new[] { "master", "model", "msdb" })
        {
            var database = Database(name) with { CompatibilityLevel = 100, RecoveryMode = "Simple", Options = new DatabaseOptions() };

            Assert.Empty(Assess(database));
        }
    }

    [Fact]
    public void SystemDatabases_StillNeedFullBackups()
    {
        var master = Database("master") with { RecoveryMode = "Simple", LastFullBackup = null, Options = new DatabaseOptions() };

        Assert.Equal(["FullBackupMissing"], RuleIds(master));
    }

    [Fact]
    public void Trustworthy_MsdbAllowed()
    {
        var msdb = Database("msdb") with { RecoveryMode = "Simple", Options = new DatabaseOptions { IsTrustworthyOn = true } };

        Assert.Empty(Assess(msdb));
    }

    [Fact]
    public void Trustworthy_MasterReported()
    {
        var master = Database("master") with { RecoveryMode = "Simple", Options = new DatabaseOptions { IsTrustworthyOn = true } };

        Assert.Equal(["TrustworthyOn"], RuleIds(master));
    }

    [Fact]
    public void NotOnline_OnlyStateRuleApplies()
    {
        var suspect = new DatabaseSnapshot { Name = "orders", State = "Suspect", CompatibilityLevel = 100, Options = new DatabaseOptions { IsAutoShrinkOn = true } };

        var finding = Assert.Single(Assess(suspect));
        Assert.Equal("DatabaseNotOnline", finding.RuleId);
        Assert.Equal(AssessmentSeverity.High, finding.Severity);
    }

    [Fact]
    public void NotOnline_RestoringNotReported()
    {
        var restoring = new DatabaseSnapshot { Name = "orders", State = "Restoring" };

        Assert.Empty(Assess(restoring));
    }

    [Fact]
    public void AvailabilityGroupSecondary_BackupRulesSkipped()
    {
        var instance = Instance() with
        {
            AvailabilityGroups =
            [
                new AvailabilityGroupSnapshot
                {
                    AvailabilityGroupId = Guid.Parse("0b4c6f1e-9a55-4d2b-8f3e-1c7a2d9e5b60"),
                    Name = "ag-sales",
                    LocalRole = "SECONDARY",
                    Databases = [new AvailabilityDatabaseSnapshot("orders", "SQL02", true, false, "SYNCHRONIZED", "HEALTHY", "ONLINE", false)],
                },
            ],
        };
        var database = Database() with { LastFullBackup = null, LastLogBackup = null };

        Assert.Empty(Assess(database, instance));
    }

    [Fact]
    public void CompatibilityLevel_EngineLevelFromMajorVersion()
    {
        var cases = new (string Version, int EngineLevel)[]
        {
            ("11.0.7507.2", 110), ("12.0.6449.1", 120), ("13.0.6300.2", 130), ("14.0.3456.2", 140),
            ("15.0.4375.4", 150), ("16.0.4135.4", 160), ("17.0.1000.7", 170),
        };

        foreach (var (version, engineLevel) in cases)
        {
            var instance = Instance(version: version);
            var atEngine = Database() with { CompatibilityLevel = engineLevel };
            var below = Database() with { CompatibilityLevel = engineLevel - 10 };

            Assert.DoesNotContain("CompatibilityLevelBelowEngine", RuleIds(atEngine, instance));
            Assert.Contains("CompatibilityLevelBelowEngine", RuleIds(below, instance));
        }
    }

    [Fact]
    public void TransparentDataEncryption_StandardFrom2019Only()
    {
        var database = Database() with { Options = new DatabaseOptions() };

        Assert.DoesNotContain("TransparentDataEncryptionOff", RuleIds(database, Instance("Standard", "14.0.3456.2")));
        Assert.Contains("TransparentDataEncryptionOff", RuleIds(database, Instance("Standard", "15.0.4375.4")));
        Assert.DoesNotContain("TransparentDataEncryptionOff", RuleIds(database, Instance("Express", "16.0.1000.6")));
    }

    [Fact]
    public void ExpressSize_BelowEightyPercentPasses()
    {
        var express = Instance("Express", "16.0.1000.6");

        Assert.Empty(RuleIds(Database() with { SizeMB = 8191 }, express));
        Assert.Equal(["ExpressDatabaseNearSizeLimit"], RuleIds(Database() with { SizeMB = 8192 }, express));
        Assert.Empty(RuleIds(Database() with { SizeMB = 9500 }, Instance("Standard")));
    }
}
