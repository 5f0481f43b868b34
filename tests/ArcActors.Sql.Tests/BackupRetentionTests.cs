using ArcActors.Sql.Backups;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class BackupRetentionTests
{
    private const string Folder = @"D:\Backup";
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, int> SevenDays = new() { ["Sales"] = 7 };

    private static BackupHistoryEntry Entry(BackupKind kind, DateTimeOffset finishedAt, string database = "Sales", string? path = null) =>
        new(database, kind, path ?? $@"{Folder}\{database}_{kind}_{finishedAt.UtcTicks}.bak", finishedAt);

    // Weekly full on Thursdays, a differential every other day at 00:00, a log every hour, from 2026-10-01.
    private static List<BackupHistoryEntry> WeeklyChain(string database = "Sales")
    {
        var history = new List<BackupHistoryEntry>();
        for (var t = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero); t <= Now; t = t.AddHours(1))
        {
            if (t.Hour == 0)
            {
                history.Add(Entry(t.DayOfWeek == DayOfWeek.Thursday ? BackupKind.Full : BackupKind.Differential, t.AddMinutes(10), database));
            }

            history.Add(Entry(BackupKind.Log, t.AddMinutes(1), database));
        }

        return history;
    }

    [Fact]
    public void BackupRetention_KeepsNewestFullBeforeWindow()
    {
        var history = WeeklyChain();

        var plan = BackupRetentionPlanner.Plan(history, SevenDays, Folder, Now);

        // The window starts Thursday 2026-10-29 12:00; the newest full before it finished 2026-10-29 00:10.
        var anchor = new DateTimeOffset(2026, 10, 29, 0, 10, 0, TimeSpan.Zero);
        Assert.All(plan.Expired, entry => Assert.True(entry.FinishedAt < anchor, $"{entry} expired but is not older than the anchor"));
        Assert.Equal(history.Count(entry => entry.FinishedAt < anchor), plan.Expired.Count);
        Assert.Equal(plan.Expired.Select(entry => entry.FilePath), plan.FilesToDelete);
        Assert.Empty(plan.RejectedFiles);
    }

    [Fact]
    public void BackupRetention_EveryPointInWindowRestorable()
    {
        var history = WeeklyChain();

        var plan = BackupRetentionPlanner.Plan(history, SevenDays, Folder, Now);

        var kept = history.Except(plan.Expired).ToList();
        for (var point = Now.AddDays(-7); point <= Now; point = point.AddMinutes(30))
        {
            var restorePoint = point;
            var fulls = kept.Where(entry => entry.Kind == BackupKind.Full && entry.FinishedAt <= restorePoint).ToList();
            Assert.True(fulls.Count > 0, $"No kept full backup before {restorePoint:O}");

            // Every log backup between the base full and the point, as originally taken, is still kept.
            var baseFull = fulls.MaxBy(entry => entry.FinishedAt)!;
            var neededLogs = history.Where(entry => entry.Kind == BackupKind.Log && entry.FinishedAt >= baseFull.FinishedAt && entry.FinishedAt <= restorePoint);
            Assert.All(neededLogs, log => Assert.Contains(log, kept));
        }
    }

    [Fact]
    public void BackupRetention_OnlyFullNeverDeleted()
    {
        var onlyFull = Entry(BackupKind.Full, Now.AddDays(-40));
        var logs = Enumerable.Range(1, 5).Select(day => Entry(BackupKind.Log, Now.AddDays(-day))).ToList();

        var plan = BackupRetentionPlanner.Plan([onlyFull, .. logs], SevenDays, Folder, Now);

        Assert.Empty(plan.Expired);
        Assert.Empty(plan.FilesToDelete);
        Assert.Null(plan.HistoryCleanup);
    }

    [Fact]
    public void BackupRetention_NoFullBeforeWindowKeepsEverything()
    {
        var orphanLog = Entry(BackupKind.Log, Now.AddDays(-20));
        var full = Entry(BackupKind.Full, Now.AddDays(-3));

        var plan = BackupRetentionPlanner.Plan([orphanLog, full], SevenDays, Folder, Now);

        Assert.Empty(plan.Expired);
    }

    [Fact]
    public void BackupRetention_FullAtWindowStartIsAnchor()
    {
        var older = Entry(BackupKind.Full, Now.AddDays(-14));
        var atStart = Entry(BackupKind.Full, Now.AddDays(-7));

        var plan = BackupRetentionPlanner.Plan([older, atStart], SevenDays, Folder, Now);

        Assert.Equal([older], plan.Expired);
    }

    [Fact]
    public void BackupRetention_PerDatabaseRetention()
    {
        var history = WeeklyChain("Sales").Concat(WeeklyChain("Orders")).Concat(WeeklyChain("Manual")).Concat(WeeklyChain("Paused")).ToList();
        var retention = new Dictionary<string, int> { ["Sales"] = 7, ["Orders"] = 1, ["Paused"] = 0 };

        var plan = BackupRetentionPlanner.Plan(history, retention, Folder, Now);

        // Orders: the window starts 2026-11-04 12:00, and the newest full before it finished 2026-10-29 00:10,
        // the same anchor as Sales with 7 days.
        var anchor = new DateTimeOffset(2026, 10, 29, 0, 10, 0, TimeSpan.Zero);
        Assert.Equal(history.Count(entry => entry.Database == "Orders" && entry.FinishedAt < anchor), plan.Expired.Count(entry => entry.Database == "Orders"));
        Assert.DoesNotContain(plan.Expired, entry => entry.Database is "Manual" or "Paused");
    }

    [Fact]
    public void BackupRetention_SharedFileKept()
    {
        var shared = $@"{Folder}\shared.bak";
        var old = Entry(BackupKind.Full, Now.AddDays(-20), path: shared);
        var anchor = Entry(BackupKind.Full, Now.AddDays(-10), path: shared.ToUpperInvariant());

        var plan = BackupRetentionPlanner.Plan([old, anchor], SevenDays, Folder, Now);

        Assert.Equal([old], plan.Expired);
        Assert.Empty(plan.FilesToDelete);
    }

    [Theory]
    [InlineData(@"D:\Backup", @"D:\Backup\Sales_FULL_20261001000000.bak", true)]
    [InlineData(@"D:\Backup\", @"d:\backup\sub\Sales.bak", true)]
    [InlineData(@"D:\Backup", @"D:/Backup/Sales.bak", true)]
    [InlineData(@"\\nas\sql\backup", @"\\nas\sql\backup\Sales.bak", true)]
    [InlineData("/var/opt/mssql/data", "/var/opt/mssql/data/Sales.bak", true)]
    [InlineData(@"D:\Backup", @"E:\Backup\Sales.bak", false)]
    [InlineData(@"D:\Backup", @"D:\BackupOld\Sales.bak", false)]
    [InlineData(@"D:\Backup", @"D:\Backup\..\Windows\win.ini", false)]
    [InlineData(@"D:\Backup", @"D:\Backup\.. \Windows\win.ini", false)]
    [InlineData(@"D:\Backup", @"D:\Backup\Sales.bak:stream", false)]
    [InlineData(@"D:\Backup", @"D:\Backup\*.bak", false)]
    [InlineData(@"D:\Backup", @"D:\Backup\", false)]
    [InlineData(@"D:\Backup", "https://account.blob.core.windows.net/backups/Sales.bak", false)]
    [InlineData("/var/opt/mssql/data", "/var/opt/mssql/DATA/Sales.bak", false)]
    [InlineData("/var/opt/mssql/data", "/var/opt/mssql/data/../../../etc/passwd", false)]
    [InlineData("", @"D:\Backup\Sales.bak", false)]
    public void BackupPathGuard_PathTable(string folder, string path, bool expectedAllowed)
    {
        var reason = BackupPathGuard.RejectionReason(folder, path);

        Assert.Equal(expectedAllowed, reason is null);
        if (!expectedAllowed)
        {
            Assert.Contains(path, reason);
        }
    }

    [Fact]
    public void BackupRetention_FileOutsideDefaultPathRejected()
    {
        var outside = @"E:\Manual\Sales.bak";
        var old = Entry(BackupKind.Full, Now.AddDays(-20), path: outside);
        var anchor = Entry(BackupKind.Full, Now.AddDays(-10));

        var plan = BackupRetentionPlanner.Plan([old, anchor], SevenDays, Folder, Now);

        Assert.Empty(plan.FilesToDelete);
        var rejected = Assert.Single(plan.RejectedFiles);
        Assert.Equal(outside, rejected.FilePath);
        Assert.Contains(outside, rejected.Error);
        Assert.Contains(Folder, rejected.Error);
    }

    [Fact]
    public void BackupRetention_HistoryCleanupParses()
    {
        var plan = BackupRetentionPlanner.Plan(WeeklyChain(), SevenDays, Folder, Now);

        var statement = Assert.IsType<ExecuteStatement>(TSqlParsing.SingleStatement(plan.HistoryCleanup!.Sql));
        var procedure = Assert.IsType<ExecutableProcedureReference>(statement.ExecuteSpecification.ExecutableEntity);
        var name = procedure.ProcedureReference.ProcedureReference.Name;
        Assert.Equal("msdb", name.DatabaseIdentifier.Value);
        Assert.Equal("dbo", name.SchemaIdentifier.Value);
        Assert.Equal("sp_delete_backuphistory", name.BaseIdentifier.Value);
        var parameter = Assert.Single(procedure.Parameters);
        Assert.Equal("@oldest_date", parameter.Variable.Name);
        Assert.Equal("2026-10-29T00:10:00", Assert.IsType<StringLiteral>(parameter.ParameterValue).Value);
    }

    [Fact]
    public void BackupRetention_HistoryDateServerLocalTime()
    {
        // A Berlin server: the anchor full finished 02:40 CEST (00:40 UTC) on 2026-10-25, and a log backup
        // finished 02:20 CET (01:20 UTC), later in UTC but earlier on the local clock. Older backups expire.
        var cest = TimeSpan.FromHours(2);
        var cet = TimeSpan.FromHours(1);
        var oldFull = Entry(BackupKind.Full, new DateTimeOffset(2026, 10, 18, 2, 40, 0, cest));
        var oldLog = Entry(BackupKind.Log, new DateTimeOffset(2026, 10, 20, 2, 0, 0, cest));
        var anchor = Entry(BackupKind.Full, new DateTimeOffset(2026, 10, 25, 2, 40, 0, cest));
        var laterLog = Entry(BackupKind.Log, new DateTimeOffset(2026, 10, 25, 2, 20, 0, cet));
        var now = new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.Zero);

        var plan = BackupRetentionPlanner.Plan([oldFull, oldLog, anchor, laterLog], SevenDays, Folder, now);

        Assert.Equal([oldFull, oldLog], plan.Expired);
        var cleanup = plan.HistoryCleanup!;
        Assert.Equal(new DateTime(2026, 10, 25, 2, 20, 0), cleanup.OldestDate);
        Assert.Contains("'2026-10-25T02:20:00'", cleanup.Sql);
        Assert.Empty(TSqlParsing.Parse(cleanup.Sql, out _));
    }

    [Fact]
    public void BackupRetention_HistoryDateTruncatedToSecond()
    {
        var old = Entry(BackupKind.Full, Now.AddDays(-20));
        var anchor = Entry(BackupKind.Full, new DateTimeOffset(2026, 10, 20, 3, 4, 5, 997, TimeSpan.Zero));

        var plan = BackupRetentionPlanner.Plan([old, anchor], SevenDays, Folder, Now);

        Assert.Equal(new DateTime(2026, 10, 20, 3, 4, 5), plan.HistoryCleanup!.OldestDate);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(36)]
    public void BackupRetention_InvalidRetentionNamesDatabase(int days)
    {
        var retention = new Dictionary<string, int> { ["Sales"] = days };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BackupRetentionPlanner.Plan([], retention, Folder, Now));

        Assert.Contains("'Sales'", error.Message);
    }
}
