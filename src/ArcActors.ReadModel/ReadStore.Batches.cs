using ArcActors.Contracts.Events;
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
            var context = new WriteContext(connection, transaction, projection);
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
            case UsageHourBilled usage:
                ApplyUsageHour(context, usage);
                break;
        }
    }

    /// <summary>The connection, transaction and projection one batch writes through.</summary>
    private sealed record WriteContext(SqliteConnection Connection, SqliteTransaction Transaction, string Projection)
    {
        public int Execute(string sql, params (string Name, object? Value)[] parameters) =>
            Connection.Execute(Transaction, sql, parameters);

        public object? Scalar(string sql, params (string Name, object? Value)[] parameters) =>
            Connection.Scalar(Transaction, sql, parameters);

        public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters) =>
            Connection.Query(Transaction, sql, map, parameters);
    }
}
