using Microsoft.Data.Sqlite;
using Npgsql;

namespace ArcActors.Node.Runtime;

/// <summary>Prepares the journal, a SQLite file or a PostgreSQL database, before Akka.Persistence.Sql opens it.</summary>
public static class JournalFile
{
    /// <summary>
    /// Switches the file to write-ahead logging, which SQLite keeps in the file from then on. With
    /// it, the projections read the journal while entities write to it, instead of waiting.
    /// </summary>
    private static void UseWriteAheadLog(string path)
    {
        using var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Switches the file to write-ahead logging and moves the tags of a journal written before the Csv
    /// tag mode into its tags column (<see cref="JournalTagUpgrade"/>). Returns what the upgrade copied,
    /// or null when the journal needed none.
    /// </summary>
    /// <exception cref="NodeConfigException">The file cannot be read or written; the message names it and the fix.</exception>
    public static JournalTagUpgrade.Result? Prepare(string path, Action<string>? progress = null, CancellationToken stop = default) =>
        Guard($"journal {path}", () =>
        {
            UseWriteAheadLog(path);
            return JournalTagUpgrade.UpgradeSqlite(ConnectionString(path), progress, stop);
        });

    /// <summary>Upgrades the SQLite journal of <paramref name="connectionString"/> as <see cref="Prepare"/> does, without switching its log mode.</summary>
    /// <exception cref="NodeConfigException">The journal cannot be read or written; the message names the variable and the fix.</exception>
    public static JournalTagUpgrade.Result? Upgrade(string connectionString, string source, Action<string>? progress = null, CancellationToken stop = default) =>
        Guard($"the SQLite journal of {source}", () => JournalTagUpgrade.UpgradeSqlite(connectionString, progress, stop));

    /// <summary>Upgrades the PostgreSQL journal of <paramref name="connectionString"/> as <see cref="JournalTagUpgrade.UpgradePostgres"/> does.</summary>
    /// <exception cref="NodeConfigException">
    /// The role may not change the journal's tables, a table stayed locked, or the server cannot be reached. The message gives the fix.
    /// </exception>
    public static JournalTagUpgrade.Result? UpgradePostgres(string connectionString, Action<string>? progress = null, CancellationToken stop = default)
    {
        try
        {
            return JournalTagUpgrade.UpgradePostgres(connectionString, progress, stop);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new NodeConfigException($"the journal's tags cannot be upgraded to the Csv tag mode: {exception.MessageText}. "
                + "Have the owner of the journal table run the PostgreSQL statements in hocon/README.md, then start the node again.");
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new NodeConfigException("a table of the journal stayed locked for 5 minutes, by an upgrade or a long transaction of another session. "
                + "Wait for it to end (pg_stat_activity shows it), then start the node again.");
        }
        catch (NpgsqlException exception)
        {
            throw new NodeConfigException($"the journal's PostgreSQL database cannot be prepared: {exception.Message.TrimEnd('.')}. "
                + $"Check the server and the connection string in the variable named by {NodeSettings.Section}.persistence.connection-string-env.");
        }
    }

    private static JournalTagUpgrade.Result? Guard(string journal, Func<JournalTagUpgrade.Result?> upgrade)
    {
        try
        {
            return upgrade();
        }
        catch (SqliteException exception)
        {
            throw new NodeConfigException($"{journal} cannot be prepared: {exception.Message.TrimEnd('.')}. "
                + "Check that it is an ArcActors SQLite journal and that this user may read and write it and its folder.");
        }
    }

    private static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
}
