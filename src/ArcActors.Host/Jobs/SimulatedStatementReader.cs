using System.Globalization;
using System.Text;
using ArcActors.Sql.Backups;

namespace ArcActors.Host.Jobs;

/// <summary>
/// Reads the statements <see cref="SimulatedInstanceSql"/> gives effect to: the BACKUP statements of
/// <see cref="BackupStatementBuilder"/> and the msdb history cleanup of <see cref="BackupRetentionPlanner"/>.
/// It reads only the forms those builders write, not T-SQL in general.
/// </summary>
internal static class SimulatedStatementReader
{
    private const string CleanupPrefix = "EXEC msdb.dbo.sp_delete_backuphistory @oldest_date = '";

    /// <summary>Returns the backup a BACKUP statement takes, or null for any other statement.</summary>
    public static SimulatedBackup? ReadBackup(string instanceName, string sql, DateTimeOffset at)
    {
        BackupKind kind;
        int position;
        if (sql.StartsWith("BACKUP LOG [", StringComparison.Ordinal))
        {
            kind = BackupKind.Log;
            position = "BACKUP LOG ".Length;
        }
        else if (sql.StartsWith("BACKUP DATABASE [", StringComparison.Ordinal))
        {
            kind = BackupKind.Full;
            position = "BACKUP DATABASE ".Length;
        }
        else
        {
            return null;
        }

        var database = ReadDelimited(sql, ref position, '[', ']');
        var file = database is null ? null : ReadAfter(sql, "TO DISK = N'", ref position);
        if (file is null)
        {
            return null;
        }

        var options = sql[position..].TrimStart();
        if (kind == BackupKind.Full && options.StartsWith("WITH DIFFERENTIAL,", StringComparison.Ordinal))
        {
            kind = BackupKind.Differential;
        }

        var description = ReadAfter(sql, "DESCRIPTION = N'", ref position);
        return new SimulatedBackup(instanceName, database!, kind, file, at, description);
    }

    /// <summary>Returns the @oldest_date of an sp_delete_backuphistory call, or null for any other statement.</summary>
    public static DateTime? ReadHistoryCleanup(string sql)
    {
        if (!sql.StartsWith(CleanupPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var text = sql.Substring(CleanupPrefix.Length, "yyyy-MM-ddTHH:mm:ss".Length);
        return DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None);
    }

    // Reads the string literal that follows the first marker at or after position, and moves position past it.
    private static string? ReadAfter(string sql, string marker, ref int position)
    {
        var start = sql.IndexOf(marker, position, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var literal = start + marker.Length - 1;
        var text = ReadDelimited(sql, ref literal, '\'', '\'');
        if (text is not null)
        {
            position = literal;
        }

        return text;
    }

    // Reads from an opening delimiter to its closing one, where a doubled closing delimiter stands for one.
    private static string? ReadDelimited(string sql, ref int position, char open, char close)
    {
        if (position >= sql.Length || sql[position] != open)
        {
            return null;
        }

        var text = new StringBuilder();
        for (var i = position + 1; i < sql.Length; i++)
        {
            if (sql[i] != close)
            {
                text.Append(sql[i]);
                continue;
            }

            if (i + 1 < sql.Length && sql[i + 1] == close)
            {
                text.Append(close);
                i++;
                continue;
            }

            position = i + 1;
            return text.ToString();
        }

        return null;
    }
}
