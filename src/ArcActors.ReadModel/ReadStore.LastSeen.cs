using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>
    /// Records when a host last uploaded inventory or usage. These times change on every upload, so they
    /// are not evented. Reads lay them over <c>lastInventoryUploadTime</c>, <c>lastUsageUploadTime</c> and
    /// <c>lastDatabaseUploadTime</c>. An empty <paramref name="instanceResourceIdOrEmpty"/> applies the
    /// times to every instance of the machine. A time earlier than the stored one is ignored.
    /// </summary>
    public void RecordLastSeen(Guid vmId, string instanceResourceIdOrEmpty, DateTimeOffset? inventoryAt, DateTimeOffset? usageAt)
    {
        if (inventoryAt is null && usageAt is null)
        {
            return;
        }

        var key = string.IsNullOrEmpty(instanceResourceIdOrEmpty) ? MachineSeenKey(vmId) : instanceResourceIdOrEmpty;

        lock (_writeLock)
        {
            using var connection = OpenConnection();
            connection.Execute(
                null,
                """
                INSERT INTO last_seen(resource_id, last_inventory_upload, last_usage_upload) VALUES ($key, $inventory, $usage)
                ON CONFLICT(resource_id) DO UPDATE SET
                    last_inventory_upload = max(coalesce(last_inventory_upload, excluded.last_inventory_upload), coalesce(excluded.last_inventory_upload, last_inventory_upload)),
                    last_usage_upload = max(coalesce(last_usage_upload, excluded.last_usage_upload), coalesce(excluded.last_usage_upload, last_usage_upload))
                """,
                ("$key", key),
                ("$inventory", inventoryAt is { } inventory ? ArmTime.ToTicks(inventory) : null),
                ("$usage", usageAt is { } usage ? ArmTime.ToTicks(usage) : null));
        }
    }

    private static string MachineSeenKey(Guid vmId) => $"vm:{vmId:D}";

    private sealed record SeenTimes(long? Inventory, long? Usage);

    private static Dictionary<string, SeenTimes> LoadLastSeen(SqliteConnection connection)
    {
        var rows = connection.Query(
            null,
            "SELECT resource_id, last_inventory_upload, last_usage_upload FROM last_seen",
            reader => (Key: reader.GetString(0), Times: new SeenTimes(reader.NullableInt64(1), reader.NullableInt64(2))));
        return rows.ToDictionary(row => row.Key, row => row.Times, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Loads the last-seen times of <paramref name="keys"/> only, through the primary key, so that reading
    /// one page or one resource costs the same whatever the number of hosts.
    /// </summary>
    private static Dictionary<string, SeenTimes> LoadLastSeen(SqliteConnection connection, IEnumerable<string> keys)
    {
        var distinct = keys.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count == 0)
        {
            return new Dictionary<string, SeenTimes>(StringComparer.OrdinalIgnoreCase);
        }

        var rows = connection.Query(
            null,
            """
            SELECT resource_id, last_inventory_upload, last_usage_upload FROM last_seen
            WHERE resource_id IN (SELECT value FROM json_each($keys))
            """,
            reader => (Key: reader.GetString(0), Times: new SeenTimes(reader.NullableInt64(1), reader.NullableInt64(2))),
            ("$keys", JsonSerializer.Serialize(distinct)));
        return rows.ToDictionary(row => row.Key, row => row.Times, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Returns the last-seen keys that <see cref="OverlayLastSeen"/> reads for a stored row: the instance's
    /// own id for an instance, the parent instance's id for a database, and the machine's key for both.
    /// </summary>
    private static IEnumerable<string> SeenKeys(StoredRow row)
    {
        var isInstance = string.Equals(row.Type, ResourceIds.InstanceType, StringComparison.OrdinalIgnoreCase);
        var isDatabase = string.Equals(row.Type, ResourceIds.DatabaseType, StringComparison.OrdinalIgnoreCase);
        if (!isInstance && !isDatabase)
        {
            yield break;
        }

        if (isInstance)
        {
            yield return row.Id;
        }

        if (isDatabase && row.ParentId is not null)
        {
            yield return row.ParentId;
        }

        if (row.VmId is not null)
        {
            yield return MachineSeenKey(Guid.Parse(row.VmId));
        }
    }

    /// <summary>Lays the recorded upload times over a stored resource, keeping whichever time is later.</summary>
    private static void OverlayLastSeen(JsonObject resource, string type, string? vmId, string? parentId, Dictionary<string, SeenTimes> seen)
    {
        if (resource["properties"] is not JsonObject properties)
        {
            return;
        }

        var id = resource["id"]?.GetValue<string>() ?? "";
        var machine = vmId is null ? null : seen.GetValueOrDefault(MachineSeenKey(Guid.Parse(vmId)));

        if (string.Equals(type, ResourceIds.InstanceType, StringComparison.OrdinalIgnoreCase))
        {
            var own = seen.GetValueOrDefault(id);
            Raise(properties, "lastInventoryUploadTime", own?.Inventory, machine?.Inventory);
            Raise(properties, "lastUsageUploadTime", own?.Usage, machine?.Usage);
        }
        else if (string.Equals(type, ResourceIds.DatabaseType, StringComparison.OrdinalIgnoreCase))
        {
            var instance = parentId is null ? null : seen.GetValueOrDefault(parentId);
            Raise(properties, "lastDatabaseUploadTime", instance?.Inventory, machine?.Inventory);
        }
    }

    private static void Raise(JsonObject properties, string name, long? first, long? second)
    {
        var latest = Math.Max(first ?? long.MinValue, second ?? long.MinValue);
        if (latest == long.MinValue)
        {
            return;
        }

        if (properties[name] is JsonValue stored && stored.TryGetValue<string>(out var text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var storedAt) &&
            storedAt.UtcTicks >= latest)
        {
            return;
        }

        properties[name] = ArmTime.Format(ArmTime.FromTicks(latest));
    }
}
