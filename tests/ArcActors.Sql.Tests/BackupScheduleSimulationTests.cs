using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Backups;
using Xunit;

namespace ArcActors.Sql.Tests;

/// <summary>
/// Drives the backup schedule tick by tick across daylight-saving changes, feeding every due backup back
/// as completed at the tick, and compares the backups taken with the slots of each interval.
/// </summary>
public sealed class BackupScheduleSimulationTests
{
    private static readonly BackupInstance Instance = new("Enterprise", "Paid", "None", false, @"D:\Backup", BackupPolicy.Default);

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("America/Los_Angeles")]
    public void BackupSchedule_DefaultPolicyAcrossDaylightSavingChanges(string timeZoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var start = new DateTimeOffset(2026, 10, 20, 0, 2, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero);
        var executor = new SimulatedExecutor(Instance, [new BackupScheduleDatabase("Sales", "Online", "Full")]);

        executor.Run(start, end, TimeSpan.FromMinutes(1), zone);

        // Full: the first one at the start, then 00:00 UTC every Thursday (the 7-day grid starts on
        // Thursday 1970-01-01). Differential: 00:00 UTC every other day. Log: right after the first full
        // (whose log slot has no log backup yet), then every 5 minutes.
        var days = Enumerable.Range(1, 16).Select(day => start.Date.AddDays(day)).Select(Utc).ToList();
        var expectedFulls = new[] { start }.Concat(days.Where(day => day.DayOfWeek == DayOfWeek.Thursday)).ToList();
        var expectedDifferentials = days.Where(day => day.DayOfWeek != DayOfWeek.Thursday).ToList();
        var expectedLogs = new List<DateTimeOffset> { start.AddMinutes(1) };
        for (var log = new DateTimeOffset(2026, 10, 20, 0, 5, 0, TimeSpan.Zero); log <= end; log = log.AddMinutes(5))
        {
            expectedLogs.Add(log);
        }

        Assert.Equal(4, expectedFulls.Count);
        Assert.Equal(expectedFulls, executor.Taken("Sales", BackupKind.Full));
        Assert.Equal(expectedDifferentials, executor.Taken("Sales", BackupKind.Differential));
        Assert.Equal(expectedLogs, executor.Taken("Sales", BackupKind.Log));
        Assert.Equal(1 + (int)((end - expectedLogs[1]).TotalMinutes / 5) + 1, executor.Taken("Sales", BackupKind.Log).Count);
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-10-25T00:59:00Z", 2, "2026-10-25T01:00:00Z", 1)]
    [InlineData("America/New_York", "2026-11-01T05:59:00Z", -4, "2026-11-01T06:00:00Z", -5)]
    [InlineData("America/Los_Angeles", "2026-11-01T08:59:00Z", -7, "2026-11-01T09:00:00Z", -8)]
    public void BackupSchedule_SimulatedWindowCrossesChange(string timeZoneId, string before, int offsetBefore, string after, int offsetAfter)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

        Assert.Equal(TimeSpan.FromHours(offsetBefore), zone.GetUtcOffset(DateTimeOffset.Parse(before)));
        Assert.Equal(TimeSpan.FromHours(offsetAfter), zone.GetUtcOffset(DateTimeOffset.Parse(after)));
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-10-23T12:00:00Z", "2026-10-27T12:00:00Z")]
    [InlineData("America/New_York", "2026-10-30T12:00:00Z", "2026-11-03T12:00:00Z")]
    [InlineData("America/Los_Angeles", "2026-10-30T12:00:00Z", "2026-11-03T12:00:00Z")]
    public void BackupSchedule_DailyFullTwelveHourDifferentialQuarterHourLog(string timeZoneId, string startText, string endText)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var start = DateTimeOffset.Parse(startText);
        var end = DateTimeOffset.Parse(endText);
        var tick = TimeSpan.FromMinutes(5);
        var policy = new BackupPolicy(7, 1, 12, 15);
        var executor = new SimulatedExecutor(
            Instance with { Policy = null },
            [new BackupScheduleDatabase("Orders", "Online", "Full", Policy: policy)]);

        executor.Run(start, end, tick, zone);

        var ticks = Ticks(start, end, tick).Skip(1).ToList();
        var expectedFulls = new[] { start }.Concat(ticks.Where(t => t.TimeOfDay == TimeSpan.Zero)).ToList();
        var expectedDifferentials = ticks.Where(t => t.TimeOfDay == TimeSpan.FromHours(12)).ToList();
        var expectedLogs = new[] { start + tick }.Concat(ticks.Where(t => t > start + tick && t.Minute % 15 == 0)).ToList();

        Assert.Equal(5, expectedFulls.Count);
        Assert.Equal(4, expectedDifferentials.Count);
        Assert.Equal(expectedFulls, executor.Taken("Orders", BackupKind.Full));
        Assert.Equal(expectedDifferentials, executor.Taken("Orders", BackupKind.Differential));
        Assert.Equal(expectedLogs, executor.Taken("Orders", BackupKind.Log));
        Assert.Equal(1 + (int)((end - start).TotalMinutes / 15), executor.Taken("Orders", BackupKind.Log).Count);
    }

    [Fact]
    public void BackupSchedule_MixedDatabasesOverOneWeek()
    {
        var start = new DateTimeOffset(2026, 10, 22, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddDays(7);
        var databases = new List<BackupScheduleDatabase>
        {
            new("master", "Online", "Simple"),
            new("model", "Online", "Full"),
            new("msdb", "Online", "Simple"),
            new("tempdb", "Online", "Simple"),
            new("Sales", "Online", "Full"),
            new("Staging", "Online", "Simple"),
            new("Bulk", "Online", "Bulk-logged"),
            new("Archive", "Online", "Full", IsReadOnly: true),
            new("Closed", "Offline", "Full"),
        };
        var executor = new SimulatedExecutor(Instance, databases);

        executor.Run(start, end, TimeSpan.FromMinutes(5), TimeZoneInfo.Utc);

        foreach (var system in new[] { "master", "model", "msdb" })
        {
            Assert.Equal([start, end], executor.Taken(system, BackupKind.Full));
            Assert.Empty(executor.Taken(system, BackupKind.Differential));
            Assert.Empty(executor.Taken(system, BackupKind.Log));
        }

        foreach (var never in new[] { "tempdb", "Staging", "Bulk", "Archive", "Closed" })
        {
            Assert.Empty(executor.TakenBy(never));
        }

        Assert.Equal(2, executor.Taken("Sales", BackupKind.Full).Count);
        Assert.Equal(6, executor.Taken("Sales", BackupKind.Differential).Count);
        Assert.Equal(7 * 24 * 12, executor.Taken("Sales", BackupKind.Log).Count);
    }

    private static DateTimeOffset Utc(DateTime date) => new(DateTime.SpecifyKind(date, DateTimeKind.Unspecified), TimeSpan.Zero);

    private static IEnumerable<DateTimeOffset> Ticks(DateTimeOffset start, DateTimeOffset end, TimeSpan tick)
    {
        for (var t = start; t <= end; t += tick)
        {
            yield return t;
        }
    }

    /// <summary>Stands in for the host's command actor: takes each due backup at the tick and records it in the history it feeds back.</summary>
    private sealed class SimulatedExecutor(BackupInstance instance, IReadOnlyList<BackupScheduleDatabase> databases)
    {
        private readonly List<BackupScheduleDatabase> _databases = [.. databases];
        private readonly List<(string Database, BackupKind Kind, DateTimeOffset StartedAt)> _taken = [];

        public void Run(DateTimeOffset start, DateTimeOffset end, TimeSpan tick, TimeZoneInfo zone)
        {
            foreach (var utc in Ticks(start, end, tick))
            {
                // The clock hands out local times; the schedule must return the same result as for UTC.
                var local = TimeZoneInfo.ConvertTime(utc, zone);
                var schedule = BackupScheduler.Compute(instance, _databases, local);

                Assert.Equal(TimeSpan.Zero, schedule.Now.Offset);
                Assert.Equal(utc, schedule.Now);
                Assert.Equal(schedule.Due.Count, schedule.Due.DistinctBy(due => (due.Database, due.Kind)).Count());
                Assert.All(schedule.Upcoming, upcoming => Assert.True(upcoming.DueAt > utc, $"{upcoming} is not after {utc:O}"));

                foreach (var due in schedule.Due)
                {
                    Assert.Equal(TimeSpan.Zero, due.SlotStart.Offset);
                    Complete(due, local);
                }
            }
        }

        public List<DateTimeOffset> Taken(string database, BackupKind kind) =>
            _taken.Where(backup => backup.Database == database && backup.Kind == kind).Select(backup => backup.StartedAt).ToList();

        public List<DateTimeOffset> TakenBy(string database) =>
            _taken.Where(backup => backup.Database == database).Select(backup => backup.StartedAt).ToList();

        private void Complete(DueBackup due, DateTimeOffset startedAt)
        {
            _taken.Add((due.Database, due.Kind, startedAt));

            var index = _databases.FindIndex(database => database.Name == due.Database);
            var database = _databases[index];
            _databases[index] = due.Kind switch
            {
                BackupKind.Full => database with { LastFullStart = startedAt },
                BackupKind.Differential => database with { LastDifferentialStart = startedAt },
                _ => database with { LastLogStart = startedAt },
            };
        }
    }
}
