using ArcActors.Sql.Discovery;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Backups;

/// <summary>
/// Reads msdb's backup history through Microsoft.Data.SqlClient: whether a backup set with a given
/// description finished, so that a job that runs again after a crash does not take its backup twice.
/// </summary>
public static class BackupHistoryQuery
{
    /// <summary>The query. msdb.dbo.backupset contains a row only for a backup that finished.</summary>
    public const string Sql = """
        SELECT COUNT(*) FROM msdb.dbo.backupset
        WHERE database_name = @database AND description = @description AND type = @type;
        """;

    /// <summary>Returns the backupset.type letter of a kind: D full, I differential, L log.</summary>
    public static string TypeLetter(BackupKind kind) => kind switch
    {
        BackupKind.Full => "D",
        BackupKind.Differential => "I",
        BackupKind.Log => "L",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "use Full, Differential or Log."),
    };

    /// <summary>Returns true when a finished backup of <paramref name="kind"/> of <paramref name="database"/> carries <paramref name="description"/>.</summary>
    public static async Task<bool> FinishedAsync(
        string connectionString, SqlDiscoveryOptions options, string database, BackupKind kind, string description, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(SqlQueryRunner.BuildConnectionString(connectionString, options));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new SqlCommand(Sql, connection) { CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds) };
        command.Parameters.Add(new SqlParameter("@database", System.Data.SqlDbType.NVarChar, 128) { Value = database });
        command.Parameters.Add(new SqlParameter("@description", System.Data.SqlDbType.NVarChar, 255) { Value = description });
        command.Parameters.Add(new SqlParameter("@type", System.Data.SqlDbType.NVarChar, 1) { Value = TypeLetter(kind) });
        var count = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
