using System.Globalization;
using ArcActors.Contracts.Inventory;
using Microsoft.Data.Sqlite;

namespace ArcActors.Host.Jobs;

/// <summary>
/// The backup policies the cloud delivered to this host, one per machine and instance, in a table of the
/// host's job ledger file (<c>host-jobs.db</c>) over a connection of its own. Instance names ignore case.
/// Calls are serialized by a lock.
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
            CREATE TABLE IF NOT EXISTS backup_policies (
                vm_id TEXT NOT NULL,
                instance_name TEXT NOT NULL COLLATE NOCASE,
                policy TEXT NOT NULL,
                queued_at TEXT NOT NULL,
                job_id TEXT NOT NULL,
                retention_at TEXT,
                PRIMARY KEY (vm_id, instance_name));
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Stores the policy of an instance, or removes it when <paramref name="policy"/> is null. Returns false,
    /// and changes nothing, when a job queued later than <paramref name="queuedAt"/> already set the policy.
    /// Storing the same delivery again returns true and leaves one row.
    /// </summary>
    public bool Set(Guid vmId, string instanceName, BackupPolicy? policy, DateTimeOffset queuedAt, Guid jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceName);

        lock (_gate)
        {
            using var command = Command(
                """
                INSERT INTO backup_policies (vm_id, instance_name, policy, queued_at, job_id) VALUES ($vm, $instance, $policy, $queued, $job)
                ON CONFLICT (vm_id, instance_name) DO UPDATE SET policy = excluded.policy, queued_at = excluded.queued_at, job_id = excluded.job_id
                WHERE excluded.queued_at >= backup_policies.queued_at
                """,
                ("$vm", vmId.ToString("D")), ("$instance", instanceName), ("$policy", BackupPolicyJson.Write(policy)),
                ("$queued", Timestamp(queuedAt)), ("$job", jobId.ToString("D")));
            return command.ExecuteNonQuery() > 0;
        }
    }

    /// <summary>Returns the instances of <paramref name="vmId"/> that have a policy, in name order.</summary>
    public IReadOnlyList<StoredBackupPolicy> List(Guid vmId)
    {
        lock (_gate)
        {
            using var command = Command(
                "SELECT instance_name, policy, queued_at, retention_at FROM backup_policies WHERE vm_id = $vm AND policy <> '' ORDER BY instance_name",
                ("$vm", vmId.ToString("D")));
            using var reader = command.ExecuteReader();
            var policies = new List<StoredBackupPolicy>();
            while (reader.Read())
            {
                policies.Add(new StoredBackupPolicy(
                    reader.GetString(0),
                    BackupPolicyJson.Read(reader.GetString(1))!,
                    ParseTimestamp(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : ParseTimestamp(reader.GetString(3))));
            }

            return policies;
        }
    }

    /// <summary>Returns the policy stored for one instance, or null when it has none.</summary>
    public StoredBackupPolicy? Find(Guid vmId, string instanceName) =>
        List(vmId).FirstOrDefault(stored => string.Equals(stored.InstanceName, instanceName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Records when the retention cleanup of an instance last ran.</summary>
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
