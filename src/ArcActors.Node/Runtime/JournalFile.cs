using Microsoft.Data.Sqlite;

namespace ArcActors.Node.Runtime;

/// <summary>Prepares the SQLite journal file before Akka.Persistence.Sql opens it.</summary>
public static class JournalFile
{
    /// <summary>
    /// Switches the file to write-ahead logging, which SQLite keeps in the file from then on. With
    /// it, the projections read the journal while entities write to it, instead of waiting.
    /// </summary>
    public static void UseWriteAheadLog(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }
}
