using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>What the store keeps of an instance to render it again when its machine changes or is renamed.</summary>
    /// <param name="At">Time of the latest instance snapshot, rendered as <c>lastInventoryUploadTime</c>.</param>
    /// <param name="ResourceId">Id the instance was last rendered under; null before the first rendering.</param>
    private sealed record InstanceMaterial(
        string InstanceKey,
        Guid VmId,
        string InstanceName,
        string HostName,
        ResourceScope Scope,
        InstanceSnapshot? Snapshot,
        string? ResourceId,
        DateTimeOffset At);

    private sealed record MachineMaterial(ResourceScope Scope, MachineSnapshot Machine, DateTimeOffset At);

    private sealed record DatabaseMaterial(DatabaseSnapshot Snapshot, DateTimeOffset At);

    private static InstanceMaterial? LoadInstanceMaterial(WriteContext context, string instanceKey)
    {
        var rows = context.Query(
            $"""
            SELECT instance_key, vm_id, instance_name, host_name, scope_json, snapshot_json, resource_id, at
            FROM instance_materials WHERE {context.Dialect.EqualsIgnoringCase("instance_key", "@key")}
            """,
            reader => new InstanceMaterial(
                reader.GetString(0),
                Guid.Parse(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                StorageJson.Deserialize<ResourceScope>(reader.GetString(4)),
                reader.NullableString(5) is { } snapshot ? StorageJson.Deserialize<InstanceSnapshot>(snapshot) : null,
                reader.NullableString(6),
                ArmTime.FromTicks(reader.GetInt64(7))),
            ("@key", instanceKey));
        return rows.Count == 0 ? null : rows[0];
    }

    private static void SaveInstanceMaterial(WriteContext context, InstanceMaterial material)
    {
        context.Execute(
            $"""
            INSERT INTO instance_materials(instance_key, vm_id, instance_name, host_name, scope_json, snapshot_json, resource_id, at)
            VALUES (@key, @vmId, @instanceName, @hostName, @scope, @snapshot, @resourceId, @at)
            ON CONFLICT({context.Dialect.FoldedConflictTarget("instance_key")}) DO UPDATE SET
                vm_id = excluded.vm_id, instance_name = excluded.instance_name, host_name = excluded.host_name,
                scope_json = excluded.scope_json, snapshot_json = excluded.snapshot_json,
                resource_id = excluded.resource_id, at = excluded.at
            """,
            ("@key", material.InstanceKey),
            ("@vmId", material.VmId.ToString("D")),
            ("@instanceName", material.InstanceName),
            ("@hostName", material.HostName),
            ("@scope", StorageJson.Serialize(material.Scope)),
            ("@snapshot", material.Snapshot is null ? null : StorageJson.Serialize(material.Snapshot)),
            ("@resourceId", material.ResourceId),
            ("@at", ArmTime.ToTicks(material.At)));
    }

    private static List<string> InstanceKeysOfMachine(WriteContext context, Guid vmId) =>
        context.Query(
            $"SELECT instance_key FROM instance_materials WHERE vm_id = @vmId ORDER BY {context.Dialect.Fold("instance_key")}",
            reader => reader.GetString(0),
            ("@vmId", vmId.ToString("D")));

    private static void DeleteInstanceMaterials(WriteContext context, string instanceKey)
    {
        var keyMatches = context.Dialect.EqualsIgnoringCase("instance_key", "@key");
        context.Execute($"DELETE FROM database_materials WHERE {keyMatches}", ("@key", instanceKey));
        context.Execute($"DELETE FROM instance_materials WHERE {keyMatches}", ("@key", instanceKey));
    }

    private static MachineMaterial? LoadMachine(WriteContext context, Guid vmId)
    {
        var rows = context.Query(
            "SELECT scope_json, machine_json, at FROM machines WHERE vm_id = @vmId",
            reader => new MachineMaterial(
                StorageJson.Deserialize<ResourceScope>(reader.GetString(0)),
                StorageJson.Deserialize<MachineSnapshot>(reader.GetString(1)),
                ArmTime.FromTicks(reader.GetInt64(2))),
            ("@vmId", vmId.ToString("D")));
        return rows.Count == 0 ? null : rows[0];
    }

    private static void SaveMachine(WriteContext context, MachineMaterial material)
    {
        context.Execute(
            """
            INSERT INTO machines(vm_id, scope_json, machine_json, at) VALUES (@vmId, @scope, @machine, @at)
            ON CONFLICT(vm_id) DO UPDATE SET scope_json = excluded.scope_json, machine_json = excluded.machine_json, at = excluded.at
            """,
            ("@vmId", material.Machine.VmId.ToString("D")),
            ("@scope", StorageJson.Serialize(material.Scope)),
            ("@machine", StorageJson.Serialize(material.Machine)),
            ("@at", ArmTime.ToTicks(material.At)));
    }

    private static void SaveDatabase(WriteContext context, string instanceKey, DatabaseSnapshot database, DateTimeOffset at)
    {
        context.Execute(
            $"""
            INSERT INTO database_materials(instance_key, name, snapshot_json, at) VALUES (@key, @name, @snapshot, @at)
            ON CONFLICT({context.Dialect.FoldedConflictTarget("instance_key", "name")}) DO UPDATE SET name = excluded.name, snapshot_json = excluded.snapshot_json, at = excluded.at
            """,
            ("@key", instanceKey),
            ("@name", database.Name),
            ("@snapshot", StorageJson.Serialize(database)),
            ("@at", ArmTime.ToTicks(at)));
    }

    private static void DeleteDatabase(WriteContext context, string instanceKey, string name) =>
        context.Execute(
            $"DELETE FROM database_materials WHERE {context.Dialect.EqualsIgnoringCase("instance_key", "@key")} AND {context.Dialect.EqualsIgnoringCase("name", "@name")}",
            ("@key", instanceKey),
            ("@name", name));

    private static List<DatabaseMaterial> LoadDatabases(WriteContext context, string instanceKey) =>
        context.Query(
            $"SELECT snapshot_json, at FROM database_materials WHERE {context.Dialect.EqualsIgnoringCase("instance_key", "@key")} ORDER BY {context.Dialect.Fold("name")}",
            reader => new DatabaseMaterial(StorageJson.Deserialize<DatabaseSnapshot>(reader.GetString(0)), ArmTime.FromTicks(reader.GetInt64(1))),
            ("@key", instanceKey));
}
