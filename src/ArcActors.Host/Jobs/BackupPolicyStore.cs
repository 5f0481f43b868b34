using System.Globalization;
using ArcActors.Contracts.Inventory;
using Microsoft.Data.Sqlite;

namespace ArcActors.Host.Jobs;

/// <summary>
/// The backup policies the cloud delivered to this host, keyed by machine, instance and database, in a table of
/// the host's job ledger file (<c>host-jobs.db</c>) over a connection of its own. The instance-level policy has
/// the database name "". Instance names ignore case and database names are compared exactly. Calls are
/// serialized by a lock.
/// </summary>
public sealed class BackupPolicyStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public BackupPolicyStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            """;
        command.ExecuteNonQuery();
        CreateTable();
    }

    private const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS backup_policies (
            vm_id TEXT NOT NULL,
            instance_name TEXT NOT NULL COLLATE NOCASE,
            database_name TEXT NOT NULL DEFAULT '',
            policy TEXT NOT NULL,
            queued_at TEXT NOT NULL,
            job_id TEXT NOT NULL,
            retention_at TEXT,
            PRIMARY KEY (vm_id, instance_name, database_name));
        """;

    // Files written before database-level policies have a table keyed by (vm_id, instance_name). SQLite cannot change
    // a primary key in place, so the rows move to a new table as instance-level policies.
    private void CreateTable()
    {
        using var transaction = _connection.BeginTransaction();
        using var probe = _connection.CreateCommand();
        probe.Transaction = transaction;
        probe.CommandText = """
            SELECT (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'backup_policies'),
                   (SELECT COUNT(*) FROM pragma_table_info('backup_policies') WHERE name = 'database_name')
            """;
        using (var reader = probe.ExecuteReader())
        {
            reader.Read();
            var migrate = reader.GetInt64(0) == 1 && reader.GetInt64(1) == 0;
            reader.Close();
            probe.CommandText = migrate
                ? "ALTER TABLE backup_policies RENAME TO backup_policies_old;" + CreateTableSql
                    + """
                    INSERT INTO backup_policies (vm_id, instance_name, database_name, policy, queued_at, job_id, retention_at)
                    SELECT vm_id, instance_name, '', policy, queued_at, job_id, retention_at FROM backup_policies_old;
                    DROP TABLE backup_policies_old;
                    """
                : CreateTableSql;
        }

        probe.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>
    /// Stores the policy of an instance, or removes it when <paramref name="policy"/> is null. Returns false,
    /// and changes nothing, when a job queued later than <paramref name="queuedAt"/> already set the policy.
    /// Storing the same delivery again returns true and leaves one row.
    /// </summary>
    public bool Set(Guid vmId, string instanceName, BackupPolicy? policy, DateTimeOffset queuedAt, Guid jobId) =>
        Set(vmId, instanceName, "", policy, queuedAt, jobId);

    /// <summary>
    /// Stores the policy of one database of an instance, or of the instance itself when <paramref name="databaseName"/>
    /// is "". A null <paramref name="policy"/> removes it, so a database then follows the instance policy. The
    /// ordering rule of the instance-level overload applies per database.
    /// </summary>
    public bool Set(Guid vmId, string instanceName, string databaseName, BackupPolicy? policy, DateTimeOffset queuedAt, Guid jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceName);
        ArgumentNullException.ThrowIfNull(databaseName);

        lock (_gate)
        {
            using var command = Command(
                """
                INSERT INTO backup_policies (vm_id, instance_name, database_name, policy, queued_at, job_id)
                VALUES ($vm, $instance, $database, $policy, $queued, $job)
                ON CONFLICT (vm_id, instance_name, database_name) DO UPDATE SET policy = excluded.policy, queued_at = excluded.queued_at, job_id = excluded.job_id
                WHERE excluded.queued_at >= backup_policies.queued_at
                """,
                ("$vm", vmId.ToString("D")), ("$instance", instanceName), ("$database", databaseName), ("$policy", BackupPolicyJson.Write(policy)),
                ("$queued", Timestamp(queuedAt)), ("$job", jobId.ToString("D")));
            return command.ExecuteNonQuery() > 0;
        }
    }

    /// <summary>Returns the instance-level policies of <paramref name="vmId"/>, in instance name order.</summary>
    public IReadOnlyList<StoredBackupPolicy> List(Guid vmId) => Query(vmId, "database_name = ''");

    /// <summary>Returns the database-level policies of <paramref name="vmId"/>, ordered by instance and database name.</summary>
    public IReadOnlyList<StoredBackupPolicy> ListDatabasePolicies(Guid vmId) => Query(vmId, "database_name <> ''");

    private IReadOnlyList<StoredBackupPolicy> Query(Guid vmId, string level)
    {
        lock (_gate)
        {
            using var command = Command(
                "SELECT instance_name, policy, queued_at, retention_at, database_name FROM backup_policies "
                    + $"WHERE vm_id = $vm AND policy <> '' AND {level} ORDER BY instance_name, database_name",
                ("$vm", vmId.ToString("D")));
            using var reader = command.ExecuteReader();
            var policies = new List<StoredBackupPolicy>();
            while (reader.Read())
            {
                policies.Add(new StoredBackupPolicy(
                    reader.GetString(0),
                    BackupPolicyJson.Read(reader.GetString(1))!,
                    ParseTimestamp(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : ParseTimestamp(reader.GetString(3)),
                    reader.GetString(4)));
            }

            return policies;
        }
    }

    /// <summary>Returns the policy stored for one instance, or null when it has none.</summary>
    public StoredBackupPolicy? Find(Guid vmId, string instanceName) =>
        List(vmId).FirstOrDefault(stored => string.Equals(stored.InstanceName, instanceName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Records when the retention cleanup of an instance last ran, on its instance-level and database-level rows.</summary>
    public void RecordRetention(Guid vmId, string instanceName, DateTimeOffset at)
    {
        lock (_gate)
        {
            using var command = Command(
                "UPDATE backup_policies SET retention_at = $at WHERE vm_id = $vm AND instance_name = $instance",
                ("$vm", vmId.ToString("D")), ("$instance", instanceName), ("$at", Timestamp(at)));
            command.ExecuteNonQuery();
        }
    }

    public void Dispose() => _connection.Dispose();

    // Round-trip UTC timestamps have a fixed width, so text order is time order.
    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
