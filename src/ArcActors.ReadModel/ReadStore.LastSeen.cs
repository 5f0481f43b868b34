using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Data.Common;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>
    /// How long after its last inventory upload a machine, and every instance on it, still reads as
    /// <c>Connected</c>. Azure Arc marks a machine Disconnected 15 to 30 minutes after its last heartbeat,
    /// which is 3 to 6 missed heartbeats of 5 minutes (section "Agent status" of "What is Azure Arc enabled
    /// servers?", MicrosoftDocs/azure-docs articles/azure-arc/servers/overview.md, 2020-11-12). Hosts here send
    /// no heartbeat, so the lower bound, 3 missed intervals, is counted on the hourly inventory upload.
    /// </summary>
    public static readonly TimeSpan DisconnectedAfter = TimeSpan.FromHours(3);

    /// <summary>
    /// Clock whose current time reads use to decide <c>properties.status</c>. A simulation sets its virtual
    /// clock here, so the status ages with fleet time and not with wall time.
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// Returns <c>Disconnected</c> when <paramref name="lastInventoryUpload"/> is more than
    /// <see cref="DisconnectedAfter"/> before <paramref name="now"/>, and <c>Connected</c> otherwise.
    /// </summary>
    public static string ConnectionStatus(DateTimeOffset lastInventoryUpload, DateTimeOffset now) =>
        now - lastInventoryUpload > DisconnectedAfter ? "Disconnected" : "Connected";

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
            // One upsert keeps the later time in a single statement, so writers in other processes need no lock.
            var greatest = _dialect.Greatest;
            connection.Execute(
                null,
                $"""
                INSERT INTO last_seen(resource_id, last_inventory_upload, last_usage_upload) VALUES (@key, @inventory, @usage)
                ON CONFLICT({_dialect.FoldedConflictTarget("resource_id")}) DO UPDATE SET
                    last_inventory_upload = {greatest}(coalesce(last_seen.last_inventory_upload, excluded.last_inventory_upload), coalesce(excluded.last_inventory_upload, last_seen.last_inventory_upload)),
                    last_usage_upload = {greatest}(coalesce(last_seen.last_usage_upload, excluded.last_usage_upload), coalesce(excluded.last_usage_upload, last_seen.last_usage_upload))
                """,
                ("@key", key),
                ("@inventory", inventoryAt is { } inventory ? ArmTime.ToTicks(inventory) : null),
                ("@usage", usageAt is { } usage ? ArmTime.ToTicks(usage) : null));
        }
    }

    private const string MachineKeyPrefix = "vm:";

    private static string MachineSeenKey(Guid vmId) => $"{MachineKeyPrefix}{vmId:D}";

    /// <summary>Recorded upload times of one last-seen key, as UTC ticks.</summary>
    /// <param name="MachineInventory">
    /// On a machine key only: the latest inventory upload of the machine or of any of its instances,
    /// which decides the connection status.
    /// </param>
    private sealed record SeenTimes(long? Inventory, long? Usage, long? MachineInventory = null);

    private Dictionary<string, SeenTimes> LoadLastSeen(DbConnection connection)
    {
        var rows = connection.Query(
            null,
            "SELECT resource_id, last_inventory_upload, last_usage_upload FROM last_seen",
            reader => (Key: reader.GetString(0), Times: new SeenTimes(reader.NullableInt64(1), reader.NullableInt64(2))));
        var seen = rows.ToDictionary(row => row.Key, row => row.Times, StringComparer.OrdinalIgnoreCase);
        AddMachineInventory(connection, seen, vmIds: null);
        return seen;
    }

    /// <summary>
    /// Loads the last-seen times of <paramref name="keys"/> only, through the primary key, so that reading
    /// one page or one resource costs the same whatever the number of hosts.
    /// </summary>
    private Dictionary<string, SeenTimes> LoadLastSeen(DbConnection connection, IEnumerable<string> keys)
    {
        var distinct = keys.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count == 0)
        {
            return new Dictionary<string, SeenTimes>(StringComparer.OrdinalIgnoreCase);
        }

        var rows = connection.Query(
            null,
            $"""
            SELECT resource_id, last_inventory_upload, last_usage_upload FROM last_seen
            WHERE {_dialect.Fold("resource_id")} IN (SELECT {_dialect.Fold("value")} FROM ({_dialect.JsonArrayValues("@keys")}) AS requested)
            """,
            reader => (Key: reader.GetString(0), Times: new SeenTimes(reader.NullableInt64(1), reader.NullableInt64(2))),
            ("@keys", JsonSerializer.Serialize(distinct)));
        var seen = rows.ToDictionary(row => row.Key, row => row.Times, StringComparer.OrdinalIgnoreCase);
        var vmIds = distinct
            .Where(key => key.StartsWith(MachineKeyPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(key => key[MachineKeyPrefix.Length..])
            .ToList();
        AddMachineInventory(connection, seen, vmIds);
        return seen;
    }

    /// <summary>
    /// Sets <see cref="SeenTimes.MachineInventory"/> on the machine keys of <paramref name="vmIds"/>, or of
    /// every machine when null, from the inventory uploads of the machine and of its instances. The
    /// instances are found through the indexed <c>instance_materials.vm_id</c>.
    /// </summary>
    private void AddMachineInventory(DbConnection connection, Dictionary<string, SeenTimes> seen, IReadOnlyList<string>? vmIds)
    {
        if (vmIds is { Count: 0 })
        {
            return;
        }

        var filter = vmIds is null ? "" : $"AND m.vm_id IN ({_dialect.JsonArrayValues("@vmIds")})";
        var latestByMachine = connection.Query(
            null,
            $"""
            SELECT m.vm_id, max(s.last_inventory_upload) FROM instance_materials m
            JOIN last_seen s ON {_dialect.EqualsIgnoringCase("s.resource_id", "m.resource_id")}
            WHERE s.last_inventory_upload IS NOT NULL {filter}
            GROUP BY m.vm_id
            """,
            reader => (VmId: reader.GetString(0), Latest: reader.GetInt64(1)),
            ("@vmIds", vmIds is null ? null : JsonSerializer.Serialize(vmIds)));

        foreach (var (vmId, latest) in latestByMachine)
        {
            var key = MachineKeyPrefix + vmId;
            var times = seen.GetValueOrDefault(key) ?? new SeenTimes(null, null);
            seen[key] = times with { MachineInventory = Math.Max(latest, times.Inventory ?? long.MinValue) };
        }

        foreach (var (key, times) in seen.Where(pair => pair.Key.StartsWith(MachineKeyPrefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            if (times.MachineInventory is null && times.Inventory is { } inventory)
            {
                seen[key] = times with { MachineInventory = inventory };
            }
        }
    }

    /// <summary>
    /// Returns the last-seen keys that <see cref="OverlayLastSeen"/> reads for a stored row: the instance's
    /// own id for an instance, the parent instance's id for a database, and the machine's key for these
    /// and for the machine itself.
    /// </summary>
    private static IEnumerable<string> SeenKeys(StoredRow row)
    {
        var isInstance = string.Equals(row.Type, ResourceIds.InstanceType, StringComparison.OrdinalIgnoreCase);
        var isDatabase = string.Equals(row.Type, ResourceIds.DatabaseType, StringComparison.OrdinalIgnoreCase);
        var isMachine = string.Equals(row.Type, ResourceIds.MachineType, StringComparison.OrdinalIgnoreCase);
        if (!isInstance && !isDatabase && !isMachine)
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

    /// <summary>
    /// Lays the recorded upload times over a stored resource, keeping whichever time is later, and sets
    /// the <c>status</c> of a machine or an instance from its machine's last inventory upload at <paramref name="now"/>.
    /// </summary>
    private static void OverlayLastSeen(
        JsonObject resource, string type, string? vmId, string? parentId, Dictionary<string, SeenTimes> seen, DateTimeOffset now)
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
            SetStatus(properties, machine?.MachineInventory, own?.Inventory, now);
        }
        else if (string.Equals(type, ResourceIds.MachineType, StringComparison.OrdinalIgnoreCase))
        {
            SetStatus(properties, machine?.MachineInventory, null, now);
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

        if (StoredTime(properties, name) is { } storedAt && storedAt >= latest)
        {
            return;
        }

        properties[name] = ArmTime.Format(ArmTime.FromTicks(latest));
    }

    // Only recorded upload times count, because the rendered lastInventoryUploadTime moves only when the
    // inventory changes. NOTE: a resource with no upload on record keeps the rendered "Connected".
    private static void SetStatus(JsonObject properties, long? machineInventory, long? ownInventory, DateTimeOffset now)
    {
        var latest = Math.Max(machineInventory ?? long.MinValue, ownInventory ?? long.MinValue);
        if (latest == long.MinValue)
        {
            return;
        }

        properties["status"] = ConnectionStatus(ArmTime.FromTicks(latest), now);
    }

    // Returns a stored ARM time property as UTC ticks, or null when it is missing or not a time.
    private static long? StoredTime(JsonObject properties, string name) =>
        properties[name] is JsonValue stored && stored.TryGetValue<string>(out var text) &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var storedAt)
            ? storedAt.UtcTicks
            : null;
}
