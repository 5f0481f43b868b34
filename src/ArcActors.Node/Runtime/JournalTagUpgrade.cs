using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ArcActors.Node.Runtime;

/// <summary>
/// Moves the tags of a journal written in Akka.Persistence.Sql's TagTable mode into the journal's
/// <c>tags</c> column, which the Csv mode of hocon/persistence-*.conf reads and writes.
/// </summary>
/// <remarks>
/// The TagTable mode's events-by-tag query aggregates the whole <c>tags</c> table once for every event
/// it returns (linq2db 6.5.1 turns the per-event subquery into a FILTER over the table), so each page
/// cost grew with the journal: 0.5 s for 100 events at 52,000 events on PostgreSQL. The Csv query reads
/// the journal's primary key range and filters it. The upgrade runs before the actor system starts,
/// once per journal: it adds the column, copies each event's tags into it as ";tag1;tag2;", the
/// format the Csv mode writes, and leaves the old <c>tags</c> table in place, unread.
/// </remarks>
public static class JournalTagUpgrade
{
    /// <summary>Upgrades the SQLite journal at <paramref name="connectionString"/>; returns the events whose tags it copied, or -1 if it had nothing to do.</summary>
    public static int UpgradeSqlite(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();

        // BEGIN IMMEDIATE takes the write lock at once, so a second process waits instead of adding the column twice.
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Scalar(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'") == 0
            || Scalar(connection, transaction, "SELECT count(*) FROM pragma_table_info('journal') WHERE name = 'tags'") > 0)
        {
            return -1;
        }

        Execute(connection, transaction, "ALTER TABLE journal ADD COLUMN tags TEXT DEFAULT ''");
        var copied = 0;
        if (Scalar(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'tags'") > 0)
        {
            copied = Execute(connection, transaction, """
                UPDATE journal
                SET tags = ';' || (SELECT group_concat(t.tag, ';') FROM tags AS t WHERE t.ordering_id = journal.ordering) || ';'
                WHERE ordering IN (SELECT ordering_id FROM tags)
                """);
        }

        transaction.Commit();
        return copied;
    }

    /// <summary>Upgrades the PostgreSQL journal at <paramref name="connectionString"/>; returns the events whose tags it copied, or -1 if it had nothing to do.</summary>
    public static int UpgradePostgres(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        if (Scalar(connection, transaction, "SELECT count(*) FROM (SELECT to_regclass('journal') AS journal) AS found WHERE journal IS NOT NULL") == 0)
        {
            return -1;
        }

        // Nodes starting together queue here; the first adds the column and the others then find it.
        Execute(connection, transaction, "LOCK TABLE journal IN SHARE ROW EXCLUSIVE MODE");
        if (Scalar(connection, transaction, "SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('journal') AND attname = 'tags' AND NOT attisdropped") > 0)
        {
            return -1;
        }

        // A constant default fills the old rows without rewriting the table.
        Execute(connection, transaction, "ALTER TABLE journal ADD COLUMN tags text DEFAULT ''");
        var copied = 0;
        if (Scalar(connection, transaction, "SELECT count(*) FROM (SELECT to_regclass('tags') AS tags) AS found WHERE tags IS NOT NULL") > 0)
        {
            copied = Execute(connection, transaction, """
                UPDATE journal AS j
                SET tags = ';' || s.names || ';'
                FROM (SELECT ordering_id, string_agg(tag, ';' ORDER BY tag) AS names FROM tags GROUP BY ordering_id) AS s
                WHERE j.ordering = s.ordering_id
                """);
        }

        transaction.Commit();
        return copied;
    }

    private static long Scalar(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
