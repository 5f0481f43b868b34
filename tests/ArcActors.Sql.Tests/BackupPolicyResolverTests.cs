using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Backups;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class BackupPolicyResolverTests
{
    // Instance policy, database policy (null = none), expected enabled, expected level, expected resolved
    // fields (retention, full days, differential hours, log minutes) when enabled.
    public static TheoryData<BackupPolicy?, BackupPolicy?, bool, BackupPolicyLevel, int[]?> ResolutionTable() => new()
    {
        { null, null, false, BackupPolicyLevel.None, null },
        { new BackupPolicy(7, 7, 24, 5), null, true, BackupPolicyLevel.Instance, [7, 7, 24, 5] },
        { new BackupPolicy(0, 7, 24, 5), null, false, BackupPolicyLevel.Instance, null },
        { new BackupPolicy(14, 3, 12, 15), new BackupPolicy(30, 1, 24, 60), true, BackupPolicyLevel.Database, [30, 1, 24, 60] },
        { new BackupPolicy(14, 3, 12, 15), new BackupPolicy(0, 1, 24, 60), false, BackupPolicyLevel.Database, null },
        { new BackupPolicy(0, 7, 24, 5), new BackupPolicy(3, 2, 12, 10), true, BackupPolicyLevel.Database, [3, 2, 12, 10] },
        { null, new BackupPolicy(35, 7, 24, 5), true, BackupPolicyLevel.Database, [35, 7, 24, 5] },
        { new BackupPolicy(1, 0, 0, 0), null, true, BackupPolicyLevel.Instance, [1, 7, 24, 5] },
        { new BackupPolicy(36, 7, 24, 5), null, false, BackupPolicyLevel.Instance, null },
        { new BackupPolicy(-1, 7, 24, 5), null, false, BackupPolicyLevel.Instance, null },
        { new BackupPolicy(7, 8, 24, 5), null, false, BackupPolicyLevel.Instance, null },
        { new BackupPolicy(7, -1, 24, 5), null, false, BackupPolicyLevel.Instance, null },
        { new BackupPolicy(7, 7, 6, 5), null, false, BackupPolicyLevel.Instance, null },
        { new BackupPolicy(7, 7, 48, 5), null, false, BackupPolicyLevel.Instance, null },
        { new BackupPolicy(7, 7, 24, 61), null, false, BackupPolicyLevel.Instance, null },
        { new BackupPolicy(7, 7, 24, -5), null, false, BackupPolicyLevel.Instance, null },
        { new BackupPolicy(7, 7, 24, 5), new BackupPolicy(7, 7, 7, 5), false, BackupPolicyLevel.Database, null },
    };

    [Theory]
    [MemberData(nameof(ResolutionTable))]
    public void BackupPolicyResolver_ResolutionTable(
        BackupPolicy? instancePolicy,
        BackupPolicy? databasePolicy,
        bool expectedEnabled,
        BackupPolicyLevel expectedLevel,
        int[]? expectedFields)
    {
        var effective = BackupPolicyResolver.Resolve(instancePolicy, databasePolicy);

        Assert.Equal(expectedEnabled, effective.IsEnabled);
        Assert.Equal(expectedLevel, effective.Level);
        if (!expectedEnabled)
        {
            Assert.False(string.IsNullOrWhiteSpace(effective.DisabledReason));
            return;
        }

        var policy = effective.Policy!;
        Assert.Equal(expectedFields![0], policy.RetentionPeriodDays);
        Assert.Equal(expectedFields[1], policy.FullBackupDays);
        Assert.Equal(expectedFields[2], policy.DifferentialBackupHours);
        Assert.Equal(expectedFields[3], policy.TransactionLogBackupMinutes);
    }

    [Fact]
    public void BackupPolicyResolver_DefaultIntervals()
    {
        var effective = BackupPolicyResolver.Resolve(BackupPolicy.Default, null);

        Assert.Equal(TimeSpan.FromDays(7), effective.Retention);
        Assert.Equal(TimeSpan.FromDays(7), effective.FullInterval);
        Assert.Equal(TimeSpan.FromHours(24), effective.DifferentialInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), effective.LogInterval);
    }

    [Theory]
    [InlineData(36, "36")]
    [InlineData(7, "differentialBackupHours 7")]
    public void BackupPolicyResolver_InvalidValueNamedInReason(int value, string expectedFragment)
    {
        var policy = value == 36 ? new BackupPolicy(36, 7, 24, 5) : new BackupPolicy(7, 7, 7, 5);

        var effective = BackupPolicyResolver.Resolve(policy, null);

        Assert.Contains(expectedFragment, effective.DisabledReason);
    }

    [Fact]
    public void BackupPolicyResolver_DatabaseRetentionZeroReason()
    {
        var effective = BackupPolicyResolver.Resolve(BackupPolicy.Default, new BackupPolicy(0, 7, 24, 5));

        Assert.Contains("database backup policy has retention 0", effective.DisabledReason);
    }

    [Fact]
    public void BackupPolicyResolver_DisabledIntervalsThrow()
    {
        var effective = BackupPolicyResolver.Resolve(null, null);

        Assert.Throws<InvalidOperationException>(() => effective.LogInterval);
    }
}
