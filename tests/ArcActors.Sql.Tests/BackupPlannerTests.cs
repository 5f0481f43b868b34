using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Backups;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Xunit;
using ScriptDomBackup = Microsoft.SqlServer.TransactSql.ScriptDom.BackupStatement;

namespace ArcActors.Sql.Tests;

public sealed class BackupPlannerTests
{
    private static readonly DateTime At = new(2025, 3, 9, 14, 5, 7, DateTimeKind.Utc);
    private static readonly DateTimeOffset Earlier = new(2025, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly BackupInstance Enterprise = new("Enterprise", "Paid", "None", false, @"D:\Backup", BackupPolicy.Default);

    public static TheoryData<string, string, string, BackupKind, bool, bool> SelectionTable() => new()
    {
        // name, state, recovery, kind, has full backup, expected selected
        { "Sales", "Online", "Full", BackupKind.Full, false, true },
        { "Sales", "Online", "Full", BackupKind.Differential, true, true },
        { "Sales", "Online", "Full", BackupKind.Log, true, true },
        { "Sales", "Online", "Full", BackupKind.Differential, false, false },
        { "Sales", "Online", "Full", BackupKind.Log, false, false },
        { "Bulk", "Online", "Bulk-logged", BackupKind.Full, false, false },
        { "Bulk", "Online", "Bulk-logged", BackupKind.Differential, true, false },
        { "Bulk", "Online", "Bulk-logged", BackupKind.Log, true, false },
        { "Staging", "Online", "Simple", BackupKind.Full, false, false },
        { "Staging", "Online", "Simple", BackupKind.Differential, true, false },
        { "Staging", "Online", "Simple", BackupKind.Log, true, false },
        { "master", "Online", "Simple", BackupKind.Full, false, true },
        { "master", "Online", "Simple", BackupKind.Differential, true, false },
        { "model", "Online", "Full", BackupKind.Full, false, true },
        { "model", "Online", "Full", BackupKind.Log, true, false },
        { "msdb", "Online", "Simple", BackupKind.Full, false, true },
        { "msdb", "Online", "Simple", BackupKind.Differential, true, false },
        { "tempdb", "Online", "Simple", BackupKind.Full, false, false },
        { "Closed", "Offline", "Full", BackupKind.Full, true, false },
        { "Incoming", "Restoring", "Full", BackupKind.Full, true, false },
        { "Broken", "Suspect", "Full", BackupKind.Log, true, false },
        { "Odd", "Online", "Unknown", BackupKind.Full, false, false },
    };

    [Theory]
    [MemberData(nameof(SelectionTable))]
    public void BackupPlanner_SelectionTable(string name, string state, string recovery, BackupKind kind, bool hasFull, bool expected)
    {
        var database = new BackupDatabase(name, state, recovery, LastFullBackup: hasFull ? Earlier : null);

        var plan = BackupPlanner.Plan(Enterprise, [database], kind, At);

        Assert.Equal(expected, plan.Statements.Count == 1);
        Assert.Equal(!expected, plan.Skipped.Count == 1);
        if (!expected)
        {
            Assert.False(string.IsNullOrWhiteSpace(plan.Skipped[0].Reason));
        }
    }

    [Theory]
    [InlineData("Full", BackupKind.Full)]
    [InlineData("Simple", BackupKind.Full)]
    [InlineData("Simple", BackupKind.Differential)]
    [InlineData("Bulk-logged", BackupKind.Log)]
    public void BackupPlanner_OptionAlsoBacksUpOtherRecoveryModels(string recovery, BackupKind kind)
    {
        var database = new BackupDatabase("Sales", "Online", recovery, LastFullBackup: Earlier);

        var plan = BackupPlanner.Plan(Enterprise, [database], kind, At, new BackupSelectionOptions(SkipNonFullRecoveryUserDatabases: false));

        Assert.Single(plan.Statements);
    }

    [Theory]
    [InlineData("Enterprise", "LicenseOnly", "None", false, @"D:\Backup", "LicenseOnly")]
    [InlineData("Enterprise", "Free", "None", false, @"D:\Backup", "Free")]
    [InlineData("Enterprise", "Paid", "FailoverClusterInstance", false, @"D:\Backup", "failover cluster")]
    [InlineData("Enterprise", "PAYG", "FailoverClusterNode", false, @"D:\Backup", "failover cluster")]
    [InlineData("Enterprise", "Paid", "AvailabilityGroupReplica", false, @"D:\Backup", "availability group")]
    [InlineData("Enterprise", "Paid", "None", true, @"D:\Backup", "availability group")]
    [InlineData("Enterprise", "Paid", "None", false, "", "InstanceDefaultBackupPath")]
    public void BackupPlanner_RejectsUnsupportedInstance(string edition, string license, string role, bool hostsReplica, string path, string reasonPart)
    {
        var instance = new BackupInstance(edition, license, role, hostsReplica, path, BackupPolicy.Default);

        var plan = BackupPlanner.Plan(instance, [new BackupDatabase("Sales", "Online", "Full")], BackupKind.Full, At);

        Assert.True(plan.IsRejected);
        Assert.Contains(reasonPart, plan.RejectionReason);
        Assert.Empty(plan.Statements);
    }

    [Theory]
    [InlineData("Paid")]
    [InlineData("PAYG")]
    public void BackupPlanner_AcceptsPaidAndPayg(string license)
    {
        var instance = Enterprise with { LicenseType = license };

        Assert.Null(BackupPlanner.InstanceRejection(instance));
    }

    [Fact]
    public void BackupPlanner_DatabaseRetentionZeroOverridesInstance()
    {
        var database = new BackupDatabase("Sales", "Online", "Full", Policy: new BackupPolicy(0, 7, 24, 5));

        var plan = BackupPlanner.Plan(Enterprise, [database], BackupKind.Full, At);

        Assert.Empty(plan.Statements);
        Assert.Contains("database backup policy has retention 0", plan.Skipped[0].Reason);
    }

    [Theory]
    [InlineData(-1, "instance")]
    [InlineData(36, "instance")]
    [InlineData(-1, "database")]
    [InlineData(int.MaxValue, "database")]
    public void BackupPlanner_InvalidRetentionSkippedWithValue(int retentionDays, string level)
    {
        var policy = BackupPolicy.Default with { RetentionPeriodDays = retentionDays };
        var instance = level == "instance" ? Enterprise with { Policy = policy } : Enterprise;
        var database = new BackupDatabase("Sales", "Online", "Full", Policy: level == "database" ? policy : null);

        var plan = BackupPlanner.Plan(instance, [database], BackupKind.Full, At);

        Assert.Empty(plan.Statements);
        var reason = Assert.Single(plan.Skipped).Reason;
        Assert.Contains($"{level} backup policy has invalid retention {retentionDays} days", reason, StringComparison.Ordinal);
        Assert.Contains("1-35", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(35)]
    public void BackupPlanner_RetentionAtRangeEndsBacksUp(int retentionDays)
    {
        var instance = Enterprise with { Policy = BackupPolicy.Default with { RetentionPeriodDays = retentionDays } };

        var plan = BackupPlanner.Plan(instance, [new BackupDatabase("Sales", "Online", "Full")], BackupKind.Full, At);

        Assert.Equal(["Sales"], plan.Statements.Select(statement => statement.Database));
    }

    [Fact]
    public void BackupPlanner_DatabasePolicyOverridesInstanceOff()
    {
        var instance = Enterprise with { Policy = new BackupPolicy(0, 7, 24, 5) };
        var covered = new BackupDatabase("Sales", "Online", "Full", Policy: BackupPolicy.Default);
        var uncovered = new BackupDatabase("Hr", "Online", "Full");

        var plan = BackupPlanner.Plan(instance, [covered, uncovered], BackupKind.Full, At);

        Assert.Equal(["Sales"], plan.Statements.Select(statement => statement.Database));
        Assert.Contains("instance backup policy has retention 0", plan.Skipped.Single().Reason);
    }

    [Fact]
    public void BackupPlanner_NoPolicyMeansNoBackups()
    {
        var instance = Enterprise with { Policy = null };

        var plan = BackupPlanner.Plan(instance, [new BackupDatabase("Sales", "Online", "Full")], BackupKind.Full, At);

        Assert.Empty(plan.Statements);
        Assert.Contains("no backup policy", plan.Skipped.Single().Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void BackupPlanner_SnapshotIsSkipped()
    {
        var snapshot = new BackupDatabase("Sales_snap", "Online", "Full", IsDatabaseSnapshot: true);

        var plan = BackupPlanner.Plan(Enterprise, [snapshot], BackupKind.Full, At);

        Assert.Empty(plan.Statements);
        Assert.Contains("snapshot", plan.Skipped.Single().Reason);
    }

    [Theory]
    [InlineData("Enterprise", true)]
    [InlineData("Standard", true)]
    [InlineData("Developer", true)]
    [InlineData("Evaluation", true)]
    [InlineData("Web", false)]
    [InlineData("Express", false)]
    [InlineData("Business Intelligence", false)]
    public void BackupPlanner_CompressionFollowsEdition(string edition, bool expected)
    {
        var instance = Enterprise with { Edition = edition };

        var statement = BackupPlanner.Plan(instance, [new BackupDatabase("Sales", "Online", "Full")], BackupKind.Full, At).Statements.Single();
        var options = ParseBackup(statement.Sql).Options.Select(option => option.OptionKind).ToList();

        Assert.Equal(expected, options.Contains(BackupOptionKind.Compression));
        Assert.Contains(BackupOptionKind.Checksum, options);
        Assert.Contains(BackupOptionKind.Format, options);
        Assert.Contains(BackupOptionKind.Init, options);
    }

    [Theory]
    [InlineData(BackupKind.Full, false)]
    [InlineData(BackupKind.Differential, true)]
    [InlineData(BackupKind.Log, false)]
    public void BackupStatementBuilder_KindSetsVerbAndDifferential(BackupKind kind, bool differential)
    {
        var statement = BackupStatementBuilder.Build("Sales", kind, @"D:\Backup", At, compression: true);
        var parsed = ParseBackup(statement.Sql);

        Assert.Equal(kind == BackupKind.Log, parsed is BackupTransactionLogStatement);
        Assert.Equal(differential, parsed.Options.Any(option => option.OptionKind == BackupOptionKind.Differential));
        Assert.Equal("master", statement.RunInDatabase);
    }

    [Theory]
    [InlineData("O'Brien [eu] data")]
    [InlineData("αβγ ΔΕ")]
    [InlineData("x]]y")]
    [InlineData("a]; DROP DATABASE master; --")]
    [InlineData("semi;colon -- dash' quote\" double")]
    [InlineData("a/b:c*d?e<f>g|h\\i")]
    [InlineData("Données 数据 🚀")]
    [InlineData("tab\tand\nnewline")]
    public void BackupStatementBuilder_HostileNameParsesToOneBackup(string database)
    {
        foreach (var kind in Enum.GetValues<BackupKind>())
        {
            var statement = BackupStatementBuilder.Build(database, kind, @"E:\O'Brien's backups\", At, compression: true);

            var parsed = ParseBackup(statement.Sql);
            var device = Assert.Single(parsed.Devices);
            var literal = Assert.IsType<StringLiteral>(device.PhysicalDevice);

            Assert.Equal(database, parsed.DatabaseName.Value);
            Assert.True(literal.IsNational);
            Assert.Equal(statement.FilePath, literal.Value);
            Assert.StartsWith(@"E:\O'Brien's backups\", literal.Value);
        }
    }

    [Fact]
    public void BackupPlanner_EveryStatementParses()
    {
        string[] names = ["master", "model", "msdb", "tempdb", "O'Brien [eu] data", "αβγ ΔΕ", "x]]y", "a]; DROP DATABASE master; --", "Sales", "sales"];
        var databases = names.Select(name => new BackupDatabase(name, "Online", "Full", LastFullBackup: Earlier)).ToList();

        foreach (var kind in Enum.GetValues<BackupKind>())
        {
            foreach (var statement in BackupPlanner.Plan(Enterprise, databases, kind, At).Statements)
            {
                var parsed = ParseBackup(statement.Sql);
                Assert.Equal(statement.Database, parsed.DatabaseName.Value);
            }
        }
    }

    [Fact]
    public void BackupPlanner_CaseOnlyDifferentNamesGetDistinctFiles()
    {
        BackupDatabase[] databases = [new("Sales", "Online", "Full"), new("sales", "Online", "Full"), new("Hr", "Online", "Full")];

        var paths = BackupPlanner.Plan(Enterprise, databases, BackupKind.Full, At).Statements.Select(statement => statement.FilePath).ToList();

        Assert.Equal(3, paths.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(@"D:\Backup\Hr_FULL_20250309140507.bak", paths[2]);
    }

    private static ScriptDomBackup ParseBackup(string sql)
    {
        var statement = TSqlParsing.SingleStatement(sql);
        return Assert.IsAssignableFrom<ScriptDomBackup>(statement);
    }
}
