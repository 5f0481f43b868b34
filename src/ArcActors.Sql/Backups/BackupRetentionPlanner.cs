using System.Globalization;

namespace ArcActors.Sql.Backups;

/// <summary>
/// Decides which backup files and msdb history rows an instance can delete while every point in time
/// within each database's retention window stays restorable.
/// </summary>
/// <remarks>
/// Per database the window starts at now minus the retention days. The newest full backup that finished
/// at or before the window start is the anchor: restoring it, then the differential and log backups after
/// it, reaches any point in the window. The anchor and everything that finished at or after it are kept,
/// and everything that finished earlier expires. A database with no full backup at or before the window
/// start keeps all its backups, so the only full backup of a database is never deleted.
/// sp_delete_backuphistory works on the whole instance, so its date is the earliest finish time of any
/// kept entry, in the server's local time as msdb stores it, truncated to the second. It can therefore
/// delete no kept row, even when a daylight-saving change makes local times repeat.
/// NOTE: history rows of databases that are not in the retention map (automated backups off, or dropped)
/// do not hold the date back, so their rows older than it are deleted as well. Their files are kept.
/// </remarks>
public static class BackupRetentionPlanner
{
    /// <summary>
    /// Plans the cleanup at <paramref name="now"/>. <paramref name="retentionDaysByDatabase"/> gives the
    /// retention of every database with automated backups on (1 to 35 days); a database missing from it, or
    /// mapped to 0, keeps all its backups.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A retention is negative or above 35 days.</exception>
    public static BackupRetentionPlan Plan(
        IReadOnlyList<BackupHistoryEntry> history,
        IReadOnlyDictionary<string, int> retentionDaysByDatabase,
        string defaultBackupPath,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(retentionDaysByDatabase);
        ValidateRetention(retentionDaysByDatabase);

        var expired = new List<BackupHistoryEntry>();
        var keptInManaged = new List<BackupHistoryEntry>();

        foreach (var database in history.GroupBy(entry => entry.Database, StringComparer.Ordinal))
        {
            if (!retentionDaysByDatabase.TryGetValue(database.Key, out var days) || days == 0)
            {
                continue;
            }

            var windowStart = now - TimeSpan.FromDays(days);
            var (databaseExpired, databaseKept) = SplitDatabase(database.ToList(), windowStart);
            expired.AddRange(databaseExpired);
            keptInManaged.AddRange(databaseKept);
        }

        var keptPaths = new HashSet<string>(
            history.Except(expired).Select(entry => entry.FilePath),
            StringComparer.OrdinalIgnoreCase);
        var (files, rejected) = FilesToDelete(expired, keptPaths, defaultBackupPath);

        return new BackupRetentionPlan(expired, files, rejected, HistoryCleanup(expired, keptInManaged));
    }

    private static void ValidateRetention(IReadOnlyDictionary<string, int> retentionDaysByDatabase)
    {
        foreach (var (database, days) in retentionDaysByDatabase)
        {
            if (days is < 0 or > BackupPolicyResolver.MaxRetentionDays)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(retentionDaysByDatabase),
                    days,
                    $"Database '{database}' has retention {days} days; pass 1-{BackupPolicyResolver.MaxRetentionDays} days, or 0 to keep all its backups.");
            }
        }
    }

    private static (List<BackupHistoryEntry> Expired, List<BackupHistoryEntry> Kept) SplitDatabase(
        List<BackupHistoryEntry> entries,
        DateTimeOffset windowStart)
    {
        var anchor = entries
            .Where(entry => entry.Kind == BackupKind.Full && entry.FinishedAt <= windowStart)
            .MaxBy(entry => entry.FinishedAt);

        if (anchor is null)
        {
            return ([], entries);
        }

        var expired = entries.Where(entry => entry.FinishedAt < anchor.FinishedAt).ToList();
        var kept = entries.Where(entry => entry.FinishedAt >= anchor.FinishedAt).ToList();
        return (expired, kept);
    }

    // Case is ignored when matching paths, so a file shared with a kept entry is kept even on Windows,
    // where D:\Backup\a.bak and d:\backup\A.BAK are the same file.
    private static (List<string> Files, List<RejectedBackupFile> Rejected) FilesToDelete(
        List<BackupHistoryEntry> expired,
        HashSet<string> keptPaths,
        string defaultBackupPath)
    {
        var files = new List<string>();
        var rejected = new List<RejectedBackupFile>();
        var seen = new HashSet<string>(BackupPathGuard.PathComparer(defaultBackupPath));

        foreach (var entry in expired)
        {
            if (keptPaths.Contains(entry.FilePath) || !seen.Add(entry.FilePath))
            {
                continue;
            }

            var error = BackupPathGuard.RejectionReason(defaultBackupPath, entry.FilePath);
            if (error is null)
            {
                files.Add(entry.FilePath);
            }
            else
            {
                rejected.Add(new RejectedBackupFile(entry.FilePath, error));
            }
        }

        return (files, rejected);
    }

    private static BackupHistoryCleanup? HistoryCleanup(List<BackupHistoryEntry> expired, List<BackupHistoryEntry> keptInManaged)
    {
        if (expired.Count == 0 || keptInManaged.Count == 0)
        {
            return null;
        }

        var oldestKept = keptInManaged.Min(entry => entry.FinishedAt.DateTime);
        var oldestDate = new DateTime(oldestKept.Ticks - oldestKept.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
        if (!expired.Any(entry => entry.FinishedAt.DateTime < oldestDate))
        {
            return null;
        }

        // An ISO 8601 literal with 'T' converts to datetime the same way under every SET LANGUAGE and SET DATEFORMAT.
        var literal = oldestDate.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var sql = $"EXEC msdb.dbo.sp_delete_backuphistory @oldest_date = '{literal}';";
        return new BackupHistoryCleanup(oldestDate, sql);
    }
}
