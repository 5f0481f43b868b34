using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Backups;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class BackupScheduleTests
{
    private static readonly BackupInstance Enterprise = new("Enterprise", "Paid", "None", false, @"D:\Backup", BackupPolicy.Default);

    // Thursday 2026-10-29 00:00 UTC starts a 7-day full slot, a 24-hour differential slot and a 5-minute log slot.
    private static readonly DateTimeOffset Thursday = new(2026, 10, 29, 0, 0, 0, TimeSpan.Zero);

    // Saturday 10:07 UTC: inside the week's full slot, the day's differential slot and the 10:05 log slot.
    private static readonly DateTimeOffset Saturday = new(2026, 10, 31, 10, 7, 0, TimeSpan.Zero);

    private static BackupScheduleDatabase Stale(string name, string recovery) =>
        new(name, "Online", recovery,
            LastFullStart: Thursday.AddDays(-7),
            LastDifferentialStart: Thursday.AddDays(-1),
            LastLogStart: Thursday.AddMinutes(-5));

    private static List<BackupKind> DueKinds(BackupSchedule schedule, string database) =>
        schedule.Due.Where(due => due.Database == database).Select(due => due.Kind).ToList();

    public static TheoryData<string, bool, BackupKind[]> RecoveryModelTable() => new()
    {
        // recovery model, skip non-FULL user databases (the default), kinds due on Saturday with stale history
        { "Full", true, [BackupKind.Differential, BackupKind.Log] },
        { "Simple", true, [] },
        { "Bulk-logged", true, [] },
        { "Full", false, [BackupKind.Differential, BackupKind.Log] },
        { "Simple", false, [BackupKind.Differential] },
        { "Bulk-logged", false, [BackupKind.Differential, BackupKind.Log] },
        { "Unknown", false, [] },
    };

    [Theory]
    [MemberData(nameof(RecoveryModelTable))]
    public void BackupSchedule_RecoveryModelTable(string recovery, bool skipNonFull, BackupKind[] expected)
    {
        var database = new BackupScheduleDatabase("Sales", "Online", recovery,
            LastFullStart: Thursday, LastDifferentialStart: Saturday.AddDays(-1), LastLogStart: Saturday.AddMinutes(-5));

        var schedule = BackupScheduler.Compute(Enterprise, [database], Saturday, new BackupSelectionOptions(skipNonFull));

        Assert.Equal(expected, DueKinds(schedule, "Sales"));
    }

    [Theory]
    [InlineData("Simple")]
    [InlineData("Bulk-logged")]
    public void BackupSchedule_NonFullRecoverySkippedWithReason(string recovery)
    {
        var schedule = BackupScheduler.Compute(Enterprise, [Stale("Staging", recovery)], Thursday);

        var skip = Assert.Single(schedule.Skipped);
        Assert.Null(skip.Kind);
        Assert.Contains(recovery, skip.Reason);
    }

    [Fact]
    public void BackupSchedule_SimpleRecoveryOptionSkipsLog()
    {
        var schedule = BackupScheduler.Compute(Enterprise, [Stale("Staging", "Simple")], Saturday, new BackupSelectionOptions(false));

        var skip = Assert.Single(schedule.Skipped);
        Assert.Equal(BackupKind.Log, skip.Kind);
        Assert.Contains("SIMPLE", skip.Reason);
    }

    [Theory]
    [InlineData("master", "Simple")]
    [InlineData("model", "Full")]
    [InlineData("msdb", "Simple")]
    public void BackupSchedule_SystemDatabasesFullOnly(string name, string recovery)
    {
        var schedule = BackupScheduler.Compute(Enterprise, [Stale(name, recovery)], Thursday);

        Assert.Equal([BackupKind.Full], DueKinds(schedule, name));
        Assert.Equal(
            [BackupKind.Differential, BackupKind.Log],
            schedule.Skipped.Where(skip => skip.Database == name).Select(skip => skip.Kind!.Value).ToList());
    }

    [Fact]
    public void BackupSchedule_TempdbNeverBackedUp()
    {
        var tempdb = new BackupScheduleDatabase("tempdb", "Online", "Simple");

        var schedule = BackupScheduler.Compute(Enterprise, [tempdb], Thursday);

        Assert.Empty(schedule.Due);
        Assert.Contains("tempdb", Assert.Single(schedule.Skipped).Reason);
    }

    [Theory]
    [InlineData("Offline", false, false, "Offline")]
    [InlineData("Restoring", false, false, "Restoring")]
    [InlineData("RecoveryPending", false, false, "RecoveryPending")]
    [InlineData("Online", true, false, "read-only")]
    [InlineData("Online", false, true, "snapshot")]
    public void BackupSchedule_UnavailableDatabasesSkippedWithReason(string state, bool readOnly, bool snapshot, string expectedFragment)
    {
        var database = new BackupScheduleDatabase("Sales", state, "Full", IsReadOnly: readOnly, IsDatabaseSnapshot: snapshot);

        var schedule = BackupScheduler.Compute(Enterprise, [database], Thursday);

        Assert.Empty(schedule.Due);
        var skip = Assert.Single(schedule.Skipped);
        Assert.Null(skip.Kind);
        Assert.Contains(expectedFragment, skip.Reason);
    }

    [Theory]
    [InlineData("FailoverClusterInstance", false, "failover cluster")]
    [InlineData("FailoverClusterNode", false, "failover cluster")]
    [InlineData("AvailabilityGroupReplica", false, "availability group")]
    [InlineData("None", true, "availability group")]
    public void BackupSchedule_ClusterAndReplicaInstancesRejected(string alwaysOnRole, bool hostsReplica, string expectedFragment)
    {
        var instance = Enterprise with { AlwaysOnRole = alwaysOnRole, HostsAvailabilityGroupReplica = hostsReplica };

        var schedule = BackupScheduler.Compute(instance, [Stale("Sales", "Full")], Thursday);

        Assert.True(schedule.IsRejected);
        Assert.Contains(expectedFragment, schedule.RejectionReason);
        Assert.Empty(schedule.Due);
        Assert.Empty(schedule.Upcoming);
        Assert.Empty(schedule.Skipped);
    }

    [Fact]
    public void BackupSchedule_LicenseOnlyRejected()
    {
        var schedule = BackupScheduler.Compute(Enterprise with { LicenseType = "LicenseOnly" }, [Stale("Sales", "Full")], Thursday);

        Assert.Contains("LicenseOnly", schedule.RejectionReason);
    }

    [Fact]
    public void BackupSchedule_FirstFullBeforeAnythingElse()
    {
        var database = new BackupScheduleDatabase("Sales", "Online", "Full");

        var schedule = BackupScheduler.Compute(Enterprise, [database], Saturday);

        Assert.Equal([BackupKind.Full], DueKinds(schedule, "Sales"));
        Assert.Equal([BackupKind.Differential, BackupKind.Log], schedule.Skipped.Select(skip => skip.Kind!.Value).ToList());
        Assert.All(schedule.Skipped, skip => Assert.Contains("No full backup", skip.Reason));
    }

    [Fact]
    public void BackupSchedule_DueFullSupersedesDifferential()
    {
        var schedule = BackupScheduler.Compute(Enterprise, [Stale("Sales", "Full")], Thursday);

        Assert.Equal([BackupKind.Full, BackupKind.Log], DueKinds(schedule, "Sales"));
        var differential = Assert.Single(schedule.Upcoming, upcoming => upcoming.Kind == BackupKind.Differential);
        Assert.Equal(Thursday.AddDays(1), differential.DueAt);
    }

    [Fact]
    public void BackupSchedule_FullInCurrentSlotCoversDifferential()
    {
        var database = new BackupScheduleDatabase("Sales", "Online", "Full",
            LastFullStart: Saturday.AddHours(-1), LastDifferentialStart: Saturday.AddDays(-2), LastLogStart: Saturday.AddMinutes(-1));

        var schedule = BackupScheduler.Compute(Enterprise, [database], Saturday);

        Assert.Empty(schedule.Due);
    }

    [Fact]
    public void BackupSchedule_NextDueTimes()
    {
        var database = new BackupScheduleDatabase("Sales", "Online", "Full",
            LastFullStart: Thursday, LastDifferentialStart: Saturday.AddHours(-10), LastLogStart: Saturday.AddMinutes(-1));

        var schedule = BackupScheduler.Compute(Enterprise, [database], Saturday);

        Assert.Empty(schedule.Due);
        Assert.Equal(Thursday.AddDays(7), schedule.Upcoming.Single(upcoming => upcoming.Kind == BackupKind.Full).DueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), schedule.Upcoming.Single(upcoming => upcoming.Kind == BackupKind.Differential).DueAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 10, 10, 0, TimeSpan.Zero), schedule.Upcoming.Single(upcoming => upcoming.Kind == BackupKind.Log).DueAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 10, 10, 0, TimeSpan.Zero), schedule.NextDueAt);
    }

    [Fact]
    public void BackupSchedule_MissedSlotsCollapseIntoOneBackup()
    {
        var database = new BackupScheduleDatabase("Sales", "Online", "Full",
            LastFullStart: Thursday, LastDifferentialStart: Saturday.AddHours(-10), LastLogStart: Saturday.AddHours(-3));

        var schedule = BackupScheduler.Compute(Enterprise, [database], Saturday);

        var log = Assert.Single(schedule.Due);
        Assert.Equal(BackupKind.Log, log.Kind);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 10, 5, 0, TimeSpan.Zero), log.SlotStart);
    }

    [Fact]
    public void BackupSchedule_LateStartKeepsNextSlot()
    {
        // The log backup started at 10:04:58 for the 10:00 slot and ran past 10:05.
        var database = new BackupScheduleDatabase("Sales", "Online", "Full",
            LastFullStart: Thursday, LastDifferentialStart: Saturday.AddHours(-10),
            LastLogStart: new DateTimeOffset(2026, 10, 31, 10, 4, 58, TimeSpan.Zero));

        var schedule = BackupScheduler.Compute(Enterprise, [database], Saturday);

        Assert.Equal(BackupKind.Log, Assert.Single(schedule.Due).Kind);
    }

    [Fact]
    public void BackupSchedule_LocalOffsetsNormalisedToUtc()
    {
        var berlin = new DateTimeOffset(2026, 10, 31, 11, 7, 0, TimeSpan.FromHours(1));
        var database = new BackupScheduleDatabase("Sales", "Online", "Full",
            LastFullStart: Thursday.ToOffset(TimeSpan.FromHours(-5)),
            LastDifferentialStart: Saturday.AddHours(-10).ToOffset(TimeSpan.FromHours(2)),
            LastLogStart: Saturday.AddMinutes(-10).ToOffset(TimeSpan.FromHours(-7)));

        var schedule = BackupScheduler.Compute(Enterprise, [database], berlin);

        Assert.Equal(Saturday, schedule.Now);
        Assert.Equal(TimeSpan.Zero, schedule.Now.Offset);
        var log = Assert.Single(schedule.Due);
        Assert.Equal(TimeSpan.Zero, log.SlotStart.Offset);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 10, 5, 0, TimeSpan.Zero), log.SlotStart);
    }

    [Fact]
    public void BackupSchedule_DatabasePolicyOverridesInstance()
    {
        var off = new BackupScheduleDatabase("Off", "Online", "Full", Policy: new BackupPolicy(0, 7, 24, 5));
        var on = new BackupScheduleDatabase("On", "Online", "Full", Policy: BackupPolicy.Default);
        var inherits = new BackupScheduleDatabase("Inherits", "Online", "Full");

        var instanceOn = BackupScheduler.Compute(Enterprise, [off, on], Thursday);
        var instanceOff = BackupScheduler.Compute(Enterprise with { Policy = new BackupPolicy(0, 7, 24, 5) }, [on, inherits], Thursday);

        Assert.Contains("retention 0", Assert.Single(instanceOn.Skipped, skip => skip.Database == "Off").Reason);
        Assert.Equal([BackupKind.Full], DueKinds(instanceOn, "On"));
        Assert.Equal([BackupKind.Full], DueKinds(instanceOff, "On"));
        Assert.Contains("instance backup policy has retention 0", Assert.Single(instanceOff.Skipped, skip => skip.Database == "Inherits").Reason);
    }

    [Fact]
    public void BackupSchedule_DueOrderedFullDifferentialLog()
    {
        var databases = new[]
        {
            new BackupScheduleDatabase("A", "Online", "Full", LastFullStart: Thursday, LastDifferentialStart: Thursday, LastLogStart: Thursday),
            new BackupScheduleDatabase("B", "Online", "Full"),
        };

        var schedule = BackupScheduler.Compute(Enterprise, databases, Saturday);

        Assert.Equal(
            [("B", BackupKind.Full), ("A", BackupKind.Differential), ("A", BackupKind.Log)],
            schedule.Due.Select(due => (due.Database, due.Kind)).ToList());
    }

    [Fact]
    public void BackupSchedule_TimeBeforeEpochRejected()
    {
        var database = new BackupScheduleDatabase("Sales", "Online", "Full");

        Assert.Throws<ArgumentOutOfRangeException>(() => BackupScheduler.Compute(Enterprise, [database], new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero)));
    }
}
