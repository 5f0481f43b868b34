using System.Globalization;
using System.Text.Json;
using ArcActors.Billing;
using ArcActors.Contracts;
using ArcActors.Contracts.Usage;
using Microsoft.Data.Sqlite;

namespace ArcActors.Host.Usage;

/// <summary>
/// Usage outbox in a SQLite file. One file can serve every host agent of a process, because the
/// embedded and simulation modes run many. Calls are serialized by a lock, and each is one short
/// transaction on a local file.
/// </summary>
public sealed class SqliteUsageOutbox : IUsageOutbox, IDisposable
{
    /// <summary>
    /// How long acknowledged records are kept, counted back from the newest record of the machine:
    /// long enough to merge a late sample into its hour. Unacknowledged records are never pruned.
    /// </summary>
    public static readonly TimeSpan AcknowledgedRetention = TimeSpan.FromDays(2);

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public SqliteUsageOutbox(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS usage_outbox (
                vm_id TEXT NOT NULL,
                hour_start TEXT NOT NULL,
                record_json TEXT NOT NULL,
                acknowledged INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (vm_id, hour_start));
            """);
    }

    public void Record(UsageRecord sample)
    {
        lock (_gate)
        {
            var stored = Load(sample.VmId, sample.HourStart);
            var merged = stored is null ? sample : UsageMerge.Merge(stored.Value.Record, sample);
            if (stored is { } existing && SnapshotEquality.AreEqual(existing.Record, merged))
            {
                return;
            }

            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO usage_outbox (vm_id, hour_start, record_json, acknowledged) VALUES ($vm, $hour, $json, 0)
                ON CONFLICT (vm_id, hour_start) DO UPDATE SET record_json = excluded.record_json, acknowledged = 0
                """;
            command.Parameters.AddWithValue("$vm", sample.VmId.ToString("D"));
            command.Parameters.AddWithValue("$hour", HourText(sample.HourStart));
            command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(merged));
            command.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<UsageRecord> Pending(Guid vmId, DateTimeOffset before, int max)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT record_json FROM usage_outbox
                WHERE vm_id = $vm AND acknowledged = 0 AND hour_start < $before
                ORDER BY hour_start LIMIT $max
                """;
            command.Parameters.AddWithValue("$vm", vmId.ToString("D"));
            command.Parameters.AddWithValue("$before", HourText(before));
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            var records = new List<UsageRecord>();
            while (reader.Read())
            {
                records.Add(JsonSerializer.Deserialize<UsageRecord>(reader.GetString(0))!);
            }

            return records;
        }
    }

    public void MarkAcknowledged(IReadOnlyList<UsageRecord> sent)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var record in sent)
            {
                using var command = _connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    UPDATE usage_outbox SET acknowledged = 1
                    WHERE vm_id = $vm AND hour_start = $hour AND record_json = $json
                    """;
                command.Parameters.AddWithValue("$vm", record.VmId.ToString("D"));
                command.Parameters.AddWithValue("$hour", HourText(record.HourStart));
                command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(record));
                command.ExecuteNonQuery();
            }

            PruneAcknowledged(transaction, sent);
            transaction.Commit();
        }
    }

    /// <summary>Counts records that are stored but not acknowledged yet, for every machine.</summary>
    public int CountPending()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM usage_outbox WHERE acknowledged = 0";
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    public void Dispose() => _connection.Dispose();

    private (UsageRecord Record, bool Acknowledged)? Load(Guid vmId, DateTimeOffset hourStart)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT record_json, acknowledged FROM usage_outbox WHERE vm_id = $vm AND hour_start = $hour";
        command.Parameters.AddWithValue("$vm", vmId.ToString("D"));
        command.Parameters.AddWithValue("$hour", HourText(hourStart));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (JsonSerializer.Deserialize<UsageRecord>(reader.GetString(0))!, reader.GetInt64(1) == 1)
            : null;
    }

    private void PruneAcknowledged(SqliteTransaction transaction, IReadOnlyList<UsageRecord> sent)
    {
        foreach (var machine in sent.GroupBy(record => record.VmId))
        {
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM usage_outbox WHERE vm_id = $vm AND acknowledged = 1 AND hour_start < $cutoff";
            command.Parameters.AddWithValue("$vm", machine.Key.ToString("D"));
            command.Parameters.AddWithValue("$cutoff", HourText(machine.Max(record => record.HourStart) - AcknowledgedRetention));
            command.ExecuteNonQuery();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string HourText(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
