using System.Data;
using ArcActors.Sql.Discovery;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Backups;

/// <summary>
/// Reads from msdb when the newest full, differential and log backup of each database started, which is
/// what <see cref="BackupScheduler"/> needs to tell whether a slot already has its backup.
/// </summary>
/// <remarks>
/// msdb stores backup_start_date in the server's local time and backupset.time_zone as the offset from UTC
/// in 15-minute units, so the query subtracts 15 * time_zone minutes to get UTC before it takes the maximum.
/// Copy-only backups are left out because they are not part of the backup chain.
/// NOTE: time_zone 127 means the offset is unknown; such rows are read as if their local time were UTC.
/// </remarks>
public static class BackupStartTimesQuery
{
    /// <summary>The query; <c>@since</c> is a UTC datetime2 that bounds the scan of backupset.</summary>
    public const string Sql = """
        SELECT bs.database_name, bs.type, MAX(bs.start_utc) AS last_start_utc
        FROM (
            SELECT database_name, type,
                CASE WHEN time_zone = 127 THEN CAST(backup_start_date AS datetime2)
                     ELSE DATEADD(MINUTE, -15 * CAST(time_zone AS int), CAST(backup_start_date AS datetime2)) END AS start_utc
            FROM msdb.dbo.backupset
            WHERE type IN ('D', 'I', 'L') AND is_copy_only = 0
        ) AS bs
        WHERE bs.start_utc >= @since
        GROUP BY bs.database_name, bs.type;
        """;

    /// <summary>Returns the newest backup start per database and kind among backups that started at or after <paramref name="since"/>.</summary>
    public static async Task<IReadOnlyList<LastBackupStart>> ReadAsync(
        string connectionString, SqlDiscoveryOptions options, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(SqlQueryRunner.BuildConnectionString(connectionString, options));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new SqlCommand(Sql, connection) { CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds) };
        command.Parameters.Add(new SqlParameter("@since", SqlDbType.DateTime2) { Value = since.UtcDateTime });

        var starts = new List<LastBackupStart>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var kind = KindOf(reader.GetString(1));
            var utc = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc);
            starts.Add(new LastBackupStart(reader.GetString(0), kind, new DateTimeOffset(utc)));
        }

        return starts;
    }

    /// <summary>Returns the kind of a backupset.type letter: D full, I differential, L log.</summary>
    public static BackupKind KindOf(string typeLetter) => typeLetter.Trim() switch
    {
        "D" => BackupKind.Full,
        "I" => BackupKind.Differential,
        "L" => BackupKind.Log,
        _ => throw new ArgumentOutOfRangeException(nameof(typeLetter), typeLetter, "msdb backupset.type must be D, I or L here."),
    };
}
