using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ArcActors.Tests.Node;

/// <summary>Reads what a cluster test checks: hours in a host's usage outbox and billed hours in the PostgreSQL journal.</summary>
public static class ClusterRecords
{
    /// <summary>One hour of one host's usage outbox.</summary>
    public sealed record OutboxHour(DateTimeOffset HourStart, bool Acknowledged);

    /// <summary>One billed hour of one machine in a <c>UsageBilled</c> event of the journal.</summary>
    public sealed record BilledHour(Guid VmId, DateTimeOffset HourStart, string PersistenceId, long SequenceNumber);

    /// <summary>Reads every hour of the outbox at <paramref name="path"/>; a running host node may be writing it.</summary>
    public static IReadOnlyList<OutboxHour> ReadOutbox(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 10 }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT hour_start, acknowledged FROM usage_outbox ORDER BY hour_start";
        using var reader = command.ExecuteReader();
        var hours = new List<OutboxHour>();
        while (reader.Read())
        {
            var hour = DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            hours.Add(new OutboxHour(hour, reader.GetInt64(1) == 1));
        }

        return hours;
    }

    /// <summary>
    /// Reads every hour of every <c>UsageBilled</c> event in the journal of the machine entities. An
    /// hour billed twice appears twice. The events are JSON with PascalCase names, as the project's
    /// serializer writes them.
    /// </summary>
    public static IReadOnlyList<BilledHour> ReadBilledHours(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT persistence_id, sequence_number, message FROM journal WHERE persistence_id LIKE 'machine-%' AND deleted = false ORDER BY ordering", connection);
        using var reader = command.ExecuteReader();
        var hours = new List<BilledHour>();
        while (reader.Read())
        {
            var persistenceId = reader.GetString(0);
            var sequenceNumber = reader.GetInt64(1);
            var message = JsonNode.Parse((byte[])reader[2]);
            if (message?["Hours"] is not JsonArray billed)
            {
                continue;
            }

            foreach (var hour in billed)
            {
                hours.Add(new BilledHour(
                    Guid.Parse((string)hour!["VmId"]!),
                    DateTimeOffset.Parse((string)hour["HourStart"]!, CultureInfo.InvariantCulture),
                    persistenceId,
                    sequenceNumber));
            }
        }

        return hours;
    }
}
