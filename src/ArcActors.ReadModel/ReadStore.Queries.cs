using System.Text.Json.Nodes;
using ArcActors.Contracts.Events;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>Returns every resource, or those of one ARM type (case-insensitive), sorted by id in ordinal order.</summary>
    public IReadOnlyList<JsonObject> ListResources(string? typeFilter = null)
    {
        using var connection = OpenConnection();
        var seen = LoadLastSeen(connection);
        var now = Clock.GetUtcNow();
        var sql = "SELECT id, type, vm_id, parent_id, json FROM resources" + (typeFilter is null ? "" : $" WHERE {_dialect.EqualsIgnoringCase("type", "@type")}");
        var rows = connection.Query(
            null,
            sql,
            reader => (Id: reader.GetString(0), Type: reader.GetString(1), VmId: reader.NullableString(2), ParentId: reader.NullableString(3), Json: reader.GetString(4)),
            ("@type", typeFilter));

        return rows
            .OrderBy(row => row.Id, StringComparer.Ordinal)
            .Select(row => Materialize(row.Json, row.Type, row.VmId, row.ParentId, seen, now))
            .ToList();
    }

    /// <summary>
    /// Enumerates every resource sorted by id in UTF-8 byte order, reading one row at a time, so the
    /// output of a large fleet never sits in memory whole.
    /// </summary>
    public IEnumerable<JsonObject> EnumerateResources()
    {
        using var connection = OpenConnection();
        var seen = LoadLastSeen(connection);
        var now = Clock.GetUtcNow();
        var rows = connection.Stream(
            $"SELECT id, type, vm_id, parent_id, json FROM resources ORDER BY id COLLATE {_dialect.BinaryCollation}",
            reader => (Type: reader.GetString(1), VmId: reader.NullableString(2), ParentId: reader.NullableString(3), Json: reader.GetString(4)));
        foreach (var row in rows)
        {
            yield return Materialize(row.Json, row.Type, row.VmId, row.ParentId, seen, now);
        }
    }

    /// <summary>Enumerates the activity log by time, resource id (UTF-8 byte order) and insertion, one row at a time.</summary>
    public IEnumerable<ActivityRow> EnumerateActivity()
    {
        using var connection = OpenConnection();
        var rows = connection.Stream(
            $"SELECT id, time, resource_id, operation, changes_json, caller FROM activity ORDER BY time, resource_id COLLATE {_dialect.BinaryCollation}, id",
            reader => new ActivityRow(
                reader.GetInt64(0),
                ArmTime.FromTicks(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                ParseChanges(reader.GetString(4)),
                reader.GetString(5)));
        foreach (var row in rows)
        {
            yield return row;
        }
    }

    /// <summary>Returns the resource with this id (case-insensitive), or null when there is none.</summary>
    public JsonObject? GetResource(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);

        using var connection = OpenConnection();
        var rows = connection.Query(
            null,
            $"SELECT id, type, vm_id, parent_id, json FROM resources WHERE {_dialect.EqualsIgnoringCase("id", "@id")}",
            reader => new StoredRow(reader.GetString(0), reader.GetString(1), reader.NullableString(2), reader.NullableString(3), reader.GetString(4)),
            ("@id", id));
        if (rows.Count == 0)
        {
            return null;
        }

        var row = rows[0];
        return Materialize(row.Json, row.Type, row.VmId, row.ParentId, LoadLastSeen(connection, SeenKeys(row)));
    }

    /// <summary>Returns every billing line sorted by hour, machine and meter.</summary>
    public IReadOnlyList<BillingRow> ListBilling() => ListBilling(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    /// <summary>Returns the billing lines of the hours from <paramref name="from"/> (included) to <paramref name="to"/> (excluded), sorted by hour, machine and meter.</summary>
    public IReadOnlyList<BillingRow> ListBilling(DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = OpenConnection();
        var rows = connection.Query(
            null,
            "SELECT hour_start, machine, vm_id, meter, cores, edition, license_type, instance FROM billing WHERE hour_start >= @from AND hour_start < @to",
            reader => new BillingRow(
                ArmTime.FromTicks(reader.GetInt64(0)),
                reader.GetString(1),
                Guid.Parse(reader.GetString(2)),
                reader.GetString(3),
                reader.GetInt32(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7)),
            ("@from", ArmTime.ToTicks(from)),
            ("@to", ArmTime.ToTicks(to)));

        return rows
            .OrderBy(row => row.HourStart)
            .ThenBy(row => row.Machine, StringComparer.Ordinal)
            .ThenBy(row => row.Meter, StringComparer.Ordinal)
            .ThenBy(row => row.VmId)
            .ToList();
    }

    /// <summary>Returns the activity log sorted by time, resource id and insertion order.</summary>
    public IReadOnlyList<ActivityRow> ListActivity()
    {
        using var connection = OpenConnection();
        var rows = connection.Query(
            null,
            "SELECT id, time, resource_id, operation, changes_json, caller FROM activity",
            reader => new ActivityRow(
                reader.GetInt64(0),
                ArmTime.FromTicks(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                ParseChanges(reader.GetString(4)),
                reader.GetString(5)));

        return rows
            .OrderBy(row => row.Time)
            .ThenBy(row => row.ResourceId, StringComparer.Ordinal)
            .ThenBy(row => row.Id)
            .ToList();
    }

    /// <summary>Returns how many resources of each kind and billing lines the store holds, and billed cores per meter.</summary>
    public StoreCounts GetCounts()
    {
        using var connection = OpenConnection();
        // Types are grouped again ignoring case here, because PostgreSQL groups the stored spellings apart.
        // count() and sum() return bigint on PostgreSQL, so both are read as Int64.
        var byType = connection
            .Query(null, "SELECT type, count(*) FROM resources GROUP BY type", reader => (Type: reader.GetString(0), Count: reader.GetInt64(1)))
            .GroupBy(row => row.Type, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => (int)group.Sum(row => row.Count), StringComparer.OrdinalIgnoreCase);
        var billingRows = Convert.ToInt32(connection.Scalar(null, "SELECT count(*) FROM billing"));
        var coresByMeter = connection
            .Query(null, "SELECT meter, sum(cores) FROM billing GROUP BY meter", reader => (Meter: reader.GetString(0), Cores: Convert.ToInt64(reader.GetValue(1))))
            .ToDictionary(row => row.Meter, row => row.Cores);
        var sortedCores = new SortedDictionary<string, long>(coresByMeter, StringComparer.Ordinal);

        return new StoreCounts(
            byType.GetValueOrDefault(ResourceIds.InstanceType),
            byType.GetValueOrDefault(ResourceIds.DatabaseType),
            byType.GetValueOrDefault(ResourceIds.AvailabilityGroupType),
            byType.GetValueOrDefault(ResourceIds.MachineType),
            billingRows,
            sortedCores);
    }

    /// <summary>The columns of a resources row that reads turn into an ARM resource.</summary>
    private sealed record StoredRow(string Id, string Type, string? VmId, string? ParentId, string Json);

    /// <summary>Parses a stored resource and lays the last-seen times and the connection status at <paramref name="now"/> (default: <see cref="Clock"/>) over it.</summary>
    private JsonObject Materialize(string json, string type, string? vmId, string? parentId, Dictionary<string, SeenTimes> seen, DateTimeOffset? now = null)
    {
        var resource = ArmJson.ParseObject(json);
        OverlayLastSeen(resource, type, vmId, parentId, seen, now ?? Clock.GetUtcNow());
        return resource;
    }

    private static IReadOnlyList<PropertyChange> ParseChanges(string json)
    {
        var changes = new List<PropertyChange>();
        foreach (var (property, value) in ArmJson.ParseObject(json))
        {
            var oldValue = value?["old"]?.GetValue<string>() ?? "";
            var newValue = value?["new"]?.GetValue<string>() ?? "";
            changes.Add(new PropertyChange(property, oldValue, newValue));
        }

        return changes;
    }
}
