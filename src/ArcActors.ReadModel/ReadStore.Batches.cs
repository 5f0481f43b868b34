using ArcActors.Contracts.Events;
using ArcActors.Contracts.Licenses;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;
using System.Data.Common;

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

            // On PostgreSQL other nodes apply the same projections to the same database. The lock makes
            // them wait here, so each reads the offset the previous one committed and skips what it applied.
            // It covers every projection, not just this one, because events of different projections
            // read and rewrite the same resources and materials.
            LockWriters(connection, transaction);
            using var context = new WriteContext(connection, transaction, projection, _dialect);
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
                INSERT INTO projection_offsets(name, "offset") VALUES (@name, @offset)
                ON CONFLICT(name) DO UPDATE SET "offset" = excluded."offset"
                """,
                ("@name", projection),
                ("@offset", applied));
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
    private sealed class WriteContext(DbConnection connection, DbTransaction transaction, string projection, ReadStoreDialect dialect) : IDisposable
    {
        private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

        public DbConnection Connection { get; } = connection;
        public DbTransaction Transaction { get; } = transaction;
        public string Projection { get; } = projection;
        public ReadStoreDialect Dialect { get; } = dialect;

        public int Execute(string sql, params (string Name, object? Value)[] parameters) =>
            Prepare(sql, parameters).ExecuteNonQuery();

        public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
        {
            var value = Prepare(sql, parameters).ExecuteScalar();
            return value is DBNull ? null : value;
        }

        public List<T> Query<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
        {
            using var reader = Prepare(sql, parameters).ExecuteReader();
            return DbCommands.ReadAll(reader, map);
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }
        }

        private DbCommand Prepare(string sql, (string Name, object? Value)[] parameters)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = Connection.CreateCommand();
                command.CommandText = sql;
                command.Transaction = Transaction;
                _commands[sql] = command;
            }

            DbCommands.SetParameters(command, parameters);
            return command;
        }
    }
}
