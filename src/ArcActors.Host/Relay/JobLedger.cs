using System.Globalization;
using ArcActors.Contracts.Jobs;
using Microsoft.Data.Sqlite;

namespace ArcActors.Host.Relay;

/// <summary>
/// The host's durable memory of relay jobs, in a SQLite file: which job ids it started, which it
/// finished and with what result, and whether the cloud has acknowledged that result. A job id that
/// ended is never run again; its stored report is sent again instead. Calls are serialized by a lock.
/// </summary>
public sealed class JobLedger : IDisposable
{
    /// <summary>How long ended and acknowledged jobs are remembered, so a late redelivery is still recognised.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public JobLedger(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS jobs (
                job_id TEXT NOT NULL PRIMARY KEY,
                vm_id TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                message TEXT NOT NULL DEFAULT '',
                result TEXT NOT NULL DEFAULT '',
                ended_at TEXT,
                acknowledged INTEGER NOT NULL DEFAULT 0);
            """);
    }

    /// <summary>Returns what the host remembers of a job, or null for a job it never started.</summary>
    public LedgerEntry? Find(Guid jobId)
    {
        lock (_gate)
        {
            using var command = Command("SELECT vm_id, state, attempts, message, result, ended_at, acknowledged FROM jobs WHERE job_id = $id", ("$id", jobId.ToString("D")));
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(jobId, reader) : null;
        }
    }

    /// <summary>Records that a run of the job starts, and returns the number of this attempt (1 for the first).</summary>
    public int Start(JobCommand job)
    {
        lock (_gate)
        {
            using var command = Command(
                """
                INSERT INTO jobs (job_id, vm_id, state, attempts) VALUES ($id, $vm, 'Running', 1)
                ON CONFLICT (job_id) DO UPDATE SET attempts = attempts + 1
                RETURNING attempts
                """,
                ("$id", job.JobId.ToString("D")), ("$vm", job.VmId.ToString("D")));
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Records the job's final state and result, before the report leaves the host.</summary>
    public void End(Guid jobId, JobState state, string message, string result, DateTimeOffset at)
    {
        if (!state.IsFinal())
        {
            throw new ArgumentException($"state {state} is not final; record Succeeded, Failed or TimedOut.", nameof(state));
        }

        lock (_gate)
        {
            using var command = Command(
                "UPDATE jobs SET state = $state, message = $message, result = $result, ended_at = $at, acknowledged = 0 WHERE job_id = $id",
                ("$id", jobId.ToString("D")), ("$state", state.ToString()), ("$message", message), ("$result", result),
                ("$at", at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Records that the cloud stored the job's final report.</summary>
    public void Acknowledge(Guid jobId)
    {
        lock (_gate)
        {
            using var command = Command("UPDATE jobs SET acknowledged = 1 WHERE job_id = $id", ("$id", jobId.ToString("D")));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Jobs of <paramref name="vmId"/> that ended and whose report the cloud has not acknowledged.</summary>
    public IReadOnlyList<LedgerEntry> Unacknowledged(Guid vmId)
    {
        lock (_gate)
        {
            using var command = Command(
                "SELECT job_id, vm_id, state, attempts, message, result, ended_at, acknowledged FROM jobs WHERE vm_id = $vm AND ended_at IS NOT NULL AND acknowledged = 0",
                ("$vm", vmId.ToString("D")));
            using var reader = command.ExecuteReader();
            var entries = new List<LedgerEntry>();
            while (reader.Read())
            {
                entries.Add(Read(Guid.Parse(reader.GetString(0)), reader, offset: 1));
            }

            return entries;
        }
    }

    /// <summary>Forgets acknowledged jobs that ended before <paramref name="now"/> minus <see cref="Retention"/>.</summary>
    public int Prune(DateTimeOffset now)
    {
        lock (_gate)
        {
            using var command = Command("DELETE FROM jobs WHERE acknowledged = 1 AND ended_at < $cutoff",
                ("$cutoff", (now - Retention).UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
            return command.ExecuteNonQuery();
        }
    }

    private static LedgerEntry Read(Guid jobId, SqliteDataReader reader, int offset = 0) => new(
        jobId,
        Guid.Parse(reader.GetString(offset)),
        Enum.Parse<JobState>(reader.GetString(offset + 1)),
        reader.GetInt32(offset + 2),
        reader.GetString(offset + 3),
        reader.GetString(offset + 4),
        reader.IsDBNull(offset + 5) ? null : DateTimeOffset.Parse(reader.GetString(offset + 5), CultureInfo.InvariantCulture),
        reader.GetInt64(offset + 6) == 1);

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

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
