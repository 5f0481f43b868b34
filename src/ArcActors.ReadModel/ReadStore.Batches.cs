using ArcActors.Contracts.Events;
using ArcActors.Contracts.Licenses;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;
using Microsoft.Data.Sqlite;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>
    /// Applies every event of <paramref name="batch"/> whose offset is above the stored offset of
    /// <paramref name="projection"/>, and stores the new offset, in one transaction. Replaying a batch
    /// after a crash therefore changes nothing. Event types the store does not read are skipped.
    /// </summary>
    public void ApplyBatch(string projection, IReadOnlyList<(long Offset, object Event)> batch)
    {
        ArgumentException.ThrowIfNullOrEmpty(projection);
        ArgumentNullException.ThrowIfNull(batch);

        lock (_writeLock)
        {
            using var connection = OpenConnection();
            using var transaction = connection.BeginTransaction();
            using var context = new WriteContext(connection, transaction, projection);
            var applied = ReadOffset(connection, transaction, projection);

            foreach (var (offset, @event) in batch)
            {
                if (offset <= applied)
                {
                    continue;
                }

                ApplyEvent(context, offset, @event);
                applied = offset;
            }

            connection.Execute(
                transaction,
                """
                INSERT INTO projection_offsets(name, "offset") VALUES ($name, $offset)
                ON CONFLICT(name) DO UPDATE SET "offset" = excluded."offset"
                """,
                ("$name", projection),
                ("$offset", applied));
            transaction.Commit();
        }
    }

    private static void ApplyEvent(WriteContext context, long offset, object @event)
    {
        switch (@event)
        {
            case InstanceInventoryChanged inventory:
                ApplyInventory(context, offset, inventory);
                break;
            case MachineChanged machine:
                ApplyMachine(context, offset, machine);
                break;
            case InstanceSettingsChanged settings:
                ApplySettings(context, offset, settings);
                break;
            case UsageHourBilled usage:
                ApplyUsageHour(context, usage);
                break;
            case UsageBilled usage:
                foreach (var hour in usage.Hours)
                {
                    ApplyUsageHour(context, hour);
                }

                break;
            case LicenseWritten license:
                ApplyLicenseWritten(context, offset, license);
                break;
            case LicenseDeleted license:
                ApplyLicenseDeleted(context, offset, license);
                break;
            case JobQueued queued:
                ApplyJobQueued(context, offset, queued);
                break;
            case JobStateChanged changed:
                ApplyJobStateChanged(context, offset, changed);
                break;
        }
    }

    /// <summary>
    /// The connection, transaction and projection one batch writes through. It keeps one prepared
    /// command per SQL text, because one event runs the same few statements dozens of times and
    /// preparing each again costs more than running it.
    /// </summary>
    private sealed class WriteContext(SqliteConnection connection, SqliteTransaction transaction, string projection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public SqliteConnection Connection { get; } = connection;
        public SqliteTransaction Transaction { get; } = transaction;
        public string Projection { get; } = projection;

        public int Execute(string sql, params (string Name, object? Value)[] parameters) =>
            Prepare(sql, parameters).ExecuteNonQuery();

        public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
        {
            var value = Prepare(sql, parameters).ExecuteScalar();
            return value is DBNull ? null : value;
        }

        public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
        {
            using var reader = Prepare(sql, parameters).ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }
        }

        private SqliteCommand Prepare(string sql, (string Name, object? Value)[] parameters)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = Connection.CreateCommand();
                command.CommandText = sql;
                command.Transaction = Transaction;
                _commands[sql] = command;
            }

            command.Parameters.Clear();
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            return command;
        }
    }
}
