using System.Data;
using ArcActors.Sql.Discovery;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Backups;

/// <summary>
/// Reads the msdb history of the backups that automated backups wrote (backup set name starting with
/// <see cref="BackupStatementBuilder.BackupSetNamePrefix"/>), with their files, as the input of
/// <see cref="BackupRetentionPlanner"/>.
/// </summary>
/// <remarks>
/// Only disk backups count (backupmediafamily.device_type 2), and copy-only backups are left out.
/// NOTE: time_zone 127 means the offset is unknown; such rows get offset zero, so their local time is read as UTC.
/// </remarks>
public static class AutomatedBackupHistoryQuery
{
    /// <summary>The query; <c>@name_prefix</c> is the backup set name prefix.</summary>
    public const string Sql = """
        SELECT bs.database_name, bs.type, bmf.physical_device_name, bs.backup_finish_date, bs.time_zone
        FROM msdb.dbo.backupset AS bs
        INNER JOIN msdb.dbo.backupmediafamily AS bmf ON bmf.media_set_id = bs.media_set_id
        WHERE bs.type IN ('D', 'I', 'L') AND bs.is_copy_only = 0 AND bmf.device_type = 2
            AND LEFT(bs.name, LEN(@name_prefix)) = @name_prefix
        ORDER BY bs.backup_finish_date;
        """;

    /// <summary>Returns every automated backup msdb still records on the instance.</summary>
    public static async Task<IReadOnlyList<BackupHistoryEntry>> ReadAsync(
        string connectionString, SqlDiscoveryOptions options, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(SqlQueryRunner.BuildConnectionString(connectionString, options));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new SqlCommand(Sql, connection) { CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds) };
        command.Parameters.Add(new SqlParameter("@name_prefix", SqlDbType.NVarChar, 128) { Value = BackupStatementBuilder.BackupSetNamePrefix });

        var history = new List<BackupHistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var kind = BackupStartTimesQuery.KindOf(reader.GetString(1));
            var finishedLocal = DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Unspecified);
            var offset = TimeZoneOffset(Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture));
            history.Add(new BackupHistoryEntry(reader.GetString(0), kind, reader.GetString(2), new DateTimeOffset(finishedLocal, offset)));
        }

        return history;
    }

    /// <summary>Returns the UTC offset that backupset.time_zone gives in 15-minute units; 127 (unknown) gives zero.</summary>
    public static TimeSpan TimeZoneOffset(int timeZone) =>
        timeZone == 127 ? TimeSpan.Zero : TimeSpan.FromMinutes(15 * timeZone);
}
