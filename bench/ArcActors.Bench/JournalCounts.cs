using Microsoft.Data.Sqlite;

namespace ArcActors.Bench;

/// <summary>Row counts of an Akka.Persistence.Sql journal in SQLite: events by manifest, by tag and by entity kind.</summary>
public sealed record JournalCounts(
    long Events,
    long PersistenceIds,
    long Snapshots,
    IReadOnlyDictionary<string, long> ByManifest,
    IReadOnlyDictionary<string, long> ByTag,
    IReadOnlyDictionary<string, long> ByEntityKind)
{
    /// <summary>Reads the counts from the <c>journal</c> and <c>snapshot</c> tables of <paramref name="journalPath"/>, opened read-only.</summary>
    public static JournalCounts Read(string journalPath)
    {
        if (!File.Exists(journalPath))
        {
            throw new FileNotFoundException($"journal {journalPath} not found; the simulation did not write to the data folder it was given.", journalPath);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = journalPath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();

        return new JournalCounts(
            Scalar(connection, "SELECT COUNT(*) FROM journal WHERE deleted = 0"),
            Scalar(connection, "SELECT COUNT(DISTINCT persistence_id) FROM journal WHERE deleted = 0"),
            Scalar(connection, "SELECT COUNT(*) FROM snapshot"),
            Grouped(connection, "SELECT COALESCE(manifest, ''), COUNT(*) FROM journal WHERE deleted = 0 GROUP BY 1 ORDER BY 1"),
            Tags(Grouped(connection, "SELECT tags, COUNT(*) FROM journal WHERE deleted = 0 AND tags <> '' GROUP BY tags")),
            // Persistence ids look like "instance-<guid>..." or "machine-<guid>"; the part before the first '-' is the entity kind.
            Grouped(connection, """
                SELECT CASE WHEN instr(persistence_id, '-') > 0 THEN substr(persistence_id, 1, instr(persistence_id, '-') - 1) ELSE persistence_id END,
                       COUNT(*)
                FROM journal WHERE deleted = 0 GROUP BY 1 ORDER BY 1
                """));
    }

    public long Manifest(string manifest) => ByManifest.GetValueOrDefault(manifest);

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // The journal keeps an event's tags in one column as ";tag1;tag2;" (tag-write-mode = Csv).
    private static Dictionary<string, long> Tags(Dictionary<string, long> byTagList)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (list, events) in byTagList)
        {
            foreach (var tag in list.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                counts[tag] = counts.GetValueOrDefault(tag) + events;
            }
        }

        return counts;
    }

    private static Dictionary<string, long> Grouped(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
