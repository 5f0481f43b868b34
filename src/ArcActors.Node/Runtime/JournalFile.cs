using Microsoft.Data.Sqlite;

namespace ArcActors.Node.Runtime;

/// <summary>Prepares the SQLite journal file before Akka.Persistence.Sql opens it.</summary>
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
