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

    /// <summary>Writes what <see cref="JournalTagUpgrade"/> did to <paramref name="output"/>, nothing when it did nothing.</summary>
    public static void Report(TextWriter output, JournalTagUpgrade.Result? result)
    {
        if (result is null)
        {
            return;
        }

        if (result.Copied > 0 || result.Repaired == 0)
        {
            output.WriteLine($"journal: upgraded to the Csv tag mode, tags of {result.Copied} events copied into the journal's tags column; "
                + $"the old tags table is kept as {JournalTagUpgrade.OldTagsTable}");
        }

        if (result.Repaired > 0)
        {
            output.WriteLine($"journal: WARNING: {result.Repaired} events were written with the old tags table after the upgrade, by an older ArcActors node; "
                + "their tags are copied now. If a newer node ran at the same time, its projections may have skipped them. Stop every older node before a new one starts.");
        }
    }

    private static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
}
