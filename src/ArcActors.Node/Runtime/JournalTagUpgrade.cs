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
/// the journal's primary key range and filters it.
/// <para>
/// The upgrade runs before the actor system starts, in one transaction. It adds the column, copies
/// each event's tags into it as ";tag1;tag2;" (the format the Csv mode writes) and renames the
/// <c>tags</c> table to <see cref="OldTagsTable"/>. An older node that still runs then fails to write
/// instead of writing tags no projection reads, and its hosts send the uploads again to a new node. A
/// <c>tags</c> table that appears later (an older node started again on the journal) is merged the
/// same way at the next start, and reported as <see cref="Result.Repaired"/>.
/// </para>
/// NOTE: the table names are Akka.Persistence.Sql's defaults (table-mapping = default), which the
/// persistence files set; a journal with other table names is not upgraded.
/// </remarks>
public static class JournalTagUpgrade
{
    /// <summary>Name the old tag table gets once its tags are in the journal's column.</summary>
    public const string OldTagsTable = "tags_before_csv";

    /// <summary>Events whose tags the upgrade copied: at the first upgrade, and later from a tags table an older node wrote.</summary>
    public sealed record Result(int Copied, int Repaired);

    /// <summary>
    /// Upgrades the SQLite journal at <paramref name="connectionString"/>. Returns null when it had nothing to do.
    /// <paramref name="progress"/> gets one line before a copy starts.
    /// </summary>
    /// <exception cref="SqliteException">The file cannot be read or written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="stop"/> was cancelled during the copy, which then rolled back.</exception>
    public static Result? UpgradeSqlite(string connectionString, Action<string>? progress = null, CancellationToken stop = default)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();

        // BEGIN IMMEDIATE takes the write lock at once, so a second process waits instead of adding the column twice.
        using var transaction = connection.BeginTransaction(deferred: false);
        var sql = new Statements(connection, transaction, TimeSpan.FromMinutes(30), stop);
        if (sql.Count("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'") == 0)
        {
            return null;
        }

        var hasColumn = sql.Count("SELECT count(*) FROM pragma_table_info('journal') WHERE name = 'tags'") > 0;
        var hasTagTable = sql.Count("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'tags'") > 0;
        if (hasColumn && !hasTagTable)
        {
            return null;
        }

        if (!hasColumn)
        {
            sql.Execute("ALTER TABLE journal ADD COLUMN tags TEXT DEFAULT ''");
        }

        var copied = 0;
        if (hasTagTable)
        {
            ReportCopy(progress, sql.Count("SELECT count(DISTINCT ordering_id) FROM tags"), hasColumn);
            copied = sql.Execute("""
                UPDATE journal
                SET tags = ';' || (SELECT group_concat(t.tag, ';') FROM tags AS t WHERE t.ordering_id = journal.ordering) || ';'
                WHERE (tags IS NULL OR tags = '') AND ordering IN (SELECT ordering_id FROM tags)
                """);
            RetireTagTable(sql, sql.Count($"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{OldTagsTable}'") > 0);
        }

        transaction.Commit();
        return Outcome(hasColumn, copied);
    }

    /// <summary>
    /// Upgrades the PostgreSQL journal at <paramref name="connectionString"/>. Returns null when it had nothing to do.
    /// <paramref name="progress"/> gets one line before a copy starts.
    /// </summary>
    /// <exception cref="NpgsqlException">The server cannot be reached, the role may not alter the table, or the table stayed locked.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="stop"/> was cancelled during the copy, which then rolled back.</exception>
    public static Result? UpgradePostgres(string connectionString, Action<string>? progress = null, CancellationToken stop = default)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var sql = new Statements(connection, transaction, TimeSpan.Zero, stop);

        // Checked first without a lock: a table lock conflicts with every journal insert, and most starts find nothing to do.
        if (!NeedsPostgresUpgrade(sql))
        {
            return null;
        }

        // Nodes starting together queue here, and the first upgrades. A copy still running elsewhere (a node killed
        // during its upgrade) makes this wait at most 5 minutes. A role or database statement_timeout must not end the copy.
        sql.Execute("SET LOCAL lock_timeout = '5min'");
        sql.Execute("SET LOCAL statement_timeout = 0");
        sql.Execute("LOCK TABLE journal IN SHARE ROW EXCLUSIVE MODE");
        if (!NeedsPostgresUpgrade(sql))
        {
            return null;
        }

        var hasColumn = PostgresHasTagsColumn(sql);
        if (!hasColumn)
        {
            // A constant default fills the old rows without rewriting the table.
            sql.Execute("ALTER TABLE journal ADD COLUMN tags text DEFAULT ''");
        }

        var copied = 0;
        if (PostgresTableExists(sql, "tags"))
        {
            ReportCopy(progress, sql.Count("SELECT count(DISTINCT ordering_id) FROM tags"), hasColumn);
            copied = sql.Execute("""
                UPDATE journal AS j
                SET tags = ';' || s.names || ';'
                FROM (SELECT ordering_id, string_agg(tag, ';' ORDER BY tag) AS names FROM tags GROUP BY ordering_id) AS s
                WHERE j.ordering = s.ordering_id AND (j.tags IS NULL OR j.tags = '')
                """);
            RetireTagTable(sql, PostgresTableExists(sql, OldTagsTable));
        }

        transaction.Commit();
        return Outcome(hasColumn, copied);
    }

    // The journal exists and has either no tags column yet or a tags table (an older node's) beside it.
    private static bool NeedsPostgresUpgrade(Statements sql) =>
        PostgresTableExists(sql, "journal") && (!PostgresHasTagsColumn(sql) || PostgresTableExists(sql, "tags"));

    private static bool PostgresTableExists(Statements sql, string table) =>
        sql.Count($"SELECT count(*) FROM (SELECT to_regclass('{table}') AS found) AS lookup WHERE found IS NOT NULL") > 0;

    private static bool PostgresHasTagsColumn(Statements sql) =>
        sql.Count("SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('journal') AND attname = 'tags' AND NOT attisdropped") > 0;

    // A tags table that an older node only created, without tagged events, is merged silently.
    private static Result? Outcome(bool hadColumn, int copied) =>
        !hadColumn ? new Result(copied, 0) : copied > 0 ? new Result(0, copied) : null;

    /// <summary>Writes what an upgrade did to <paramref name="output"/>, nothing when it did nothing.</summary>
    public static void WriteOutcome(TextWriter output, Result? result)
    {
        if (result is null)
        {
            return;
        }

        if (result.Copied > 0 || result.Repaired == 0)
        {
            output.WriteLine($"journal: upgraded to the Csv tag mode, tags of {result.Copied} events copied into the journal's tags column; "
                + $"the old tags table is kept as {OldTagsTable}");
        }

        if (result.Repaired > 0)
        {
            output.WriteLine($"journal: WARNING: {result.Repaired} events were written with the old tags table after the upgrade, by an older ArcActors node; "
                + "their tags are copied now. If a newer node ran at the same time, its projections may have skipped them. Stop every older node before a new one starts.");
        }
    }

    // Keeps the old rows for reference under OldTagsTable, and leaves no table named tags behind.
    private static void RetireTagTable(Statements sql, bool oldTableExists)
    {
        if (oldTableExists)
        {
            sql.Execute($"INSERT INTO {OldTagsTable} (ordering_id, tag, persistence_id, sequence_nr) SELECT ordering_id, tag, persistence_id, sequence_nr FROM tags");
            sql.Execute("DROP TABLE tags");
            return;
        }

        sql.Execute($"ALTER TABLE tags RENAME TO {OldTagsTable}");
    }

    private static void ReportCopy(Action<string>? progress, long events, bool repair)
    {
        if (repair && events == 0)
        {
            return;
        }

        progress?.Invoke(repair
            ? $"journal: a tags table written by an older ArcActors node appeared after the upgrade; copying the tags of {events} events into the journal's tags column"
            : $"journal: upgrading to the Csv tag mode: copying the tags of {events} events into the journal's tags column, once per journal");
    }

    /// <summary>Runs statements in one transaction with one command timeout (zero: none), cancelled on the server when <c>stop</c> is.</summary>
    private sealed class Statements(DbConnection connection, DbTransaction transaction, TimeSpan timeout, CancellationToken stop)
    {
        public long Count(string text) =>
            Run(text, command => Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));

        public int Execute(string text) => Run(text, command => command.ExecuteNonQuery());

        private T Run<T>(string text, Func<DbCommand, T> run)
        {
            stop.ThrowIfCancellationRequested();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            command.CommandTimeout = (int)timeout.TotalSeconds;
            using var cancel = stop.Register(command.Cancel);
            try
            {
                return run(command);
            }
            catch (DbException) when (stop.IsCancellationRequested)
            {
                throw new OperationCanceledException("the journal upgrade was stopped and rolled back", stop);
            }
        }
    }
}
