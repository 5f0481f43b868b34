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
    /// tag mode into its tags column (<see cref="JournalTagUpgrade"/>). Returns the events whose tags
    /// were copied, or -1 if the journal needed no upgrade.
    /// </summary>
    public static int Prepare(string path)
    {
        UseWriteAheadLog(path);
        return JournalTagUpgrade.UpgradeSqlite(ConnectionString(path));
    }

    private static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
}
