using ArcActors.Contracts.Events;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    private static void ApplyInventory(WriteContext context, long offset, InstanceInventoryChanged change)
    {
        var key = change.Key.EntityId;
        var material = LoadInstanceMaterial(context, key);
        var instanceName = change.Instance?.InstanceName ?? material?.InstanceName ?? change.Key.InstanceName;
        var instanceId = material?.ResourceId ?? ResourceIds.Instance(change.Scope, change.HostName, instanceName);

        var instanceDeleted = ApplyDeletes(context, change, key, instanceId);
        WriteActivity(context, offset, change.Scope, change.At, change.Changes, HostAgentCaller(change.HostName));
        if (instanceDeleted)
        {
            return;
        }

        SaveInstanceMaterial(context, new InstanceMaterial(
            key,
            change.Key.VmId,
            instanceName,
            change.HostName,
            change.Scope,
            change.Instance ?? material?.Snapshot,
            material?.ResourceId,
            change.Instance is null ? material?.At ?? change.At : change.At));

        foreach (var database in change.UpsertedDatabases)
        {
            SaveDatabase(context, key, database, change.At);
        }

        RenderInstanceTree(context, key, change.At);
    }

    /// <summary>Applies removed databases and every "delete" change, and returns true when the instance itself was deleted.</summary>
    private static bool ApplyDeletes(WriteContext context, InstanceInventoryChanged change, string key, string instanceId)
    {
        foreach (var name in change.RemovedDatabases)
        {
            DeleteDatabase(context, key, name);
            DeleteResourceTree(context, ResourceIds.Database(instanceId, name));
        }

        var instanceDeleted = false;
        foreach (var resourceChange in change.Changes.Where(IsDelete))
        {
            var type = ResourceIds.QualifyType(resourceChange.ResourceType);
            DeleteResourceTree(context, ActivityResourceId(change.Scope, resourceChange));

            if (string.Equals(type, ResourceIds.InstanceType, StringComparison.OrdinalIgnoreCase))
            {
                DeleteResourceTree(context, instanceId);
                DeleteInstanceMaterials(context, key);
                instanceDeleted = true;
            }
            else if (string.Equals(type, ResourceIds.DatabaseType, StringComparison.OrdinalIgnoreCase))
            {
                DeleteDatabase(context, key, ChildName(resourceChange.Name));
            }
        }

        return instanceDeleted;
    }

    /// <summary>
    /// Renders the instance, its availability groups and its databases from the stored materials and
    /// the current machine. When the machine was renamed, the resources move to ids under the new name.
    /// </summary>
    private static void RenderInstanceTree(WriteContext context, string key, DateTimeOffset at)
    {
        var material = LoadInstanceMaterial(context, key);
        if (material is null)
        {
            return;
        }

        var machine = LoadMachine(context, material.VmId);
        var hostName = machine?.Machine.HostName ?? material.HostName;
        var instanceId = ResourceIds.Instance(material.Scope, hostName, material.InstanceName);

        // NOTE: resources moved by a rename are created again, so their createdAt becomes the rename time.
        if (material.ResourceId is { } previousId && !string.Equals(previousId, instanceId, StringComparison.Ordinal))
        {
            DeleteResourceTree(context, previousId);
        }

        SaveInstanceMaterial(context, material with { HostName = hostName, ResourceId = instanceId });

        if (material.Snapshot is { } snapshot)
        {
            WriteResource(context, instanceId, ResourceIds.InstanceType, material.VmId, null, at, times =>
                ArmRenderer.Instance(material.Scope, hostName, snapshot, machine?.Machine, times, material.At, null, LoadSettings(context, key)));
            RenderAvailabilityGroups(context, material, hostName, instanceId, at);
        }

        var databasePolicies = LoadSettings(context, key).DatabaseBackupPolicies;
        foreach (var database in LoadDatabases(context, key))
        {
            var databaseId = ResourceIds.Database(instanceId, database.Snapshot.Name);
            var policy = databasePolicies.GetValueOrDefault(database.Snapshot.Name);
            WriteResource(context, databaseId, ResourceIds.DatabaseType, material.VmId, instanceId, at, times =>
                ArmRenderer.Database(material.Scope, instanceId, database.Snapshot, times, database.At, policy));
        }
    }

    private static void RenderAvailabilityGroups(WriteContext context, InstanceMaterial material, string hostName, string instanceId, DateTimeOffset at)
    {
        var groups = material.Snapshot!.AvailabilityGroups;
        var keptIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var group in groups)
        {
            var groupId = ResourceIds.AvailabilityGroup(instanceId, group.Name);
            keptIds.Add(groupId);
            WriteResource(context, groupId, ResourceIds.AvailabilityGroupType, material.VmId, instanceId, at, times =>
                ArmRenderer.AvailabilityGroup(material.Scope, hostName, material.InstanceName, group, times, material.At));
        }

        foreach (var staleId in ChildIds(context, instanceId, ResourceIds.AvailabilityGroupType).Where(id => !keptIds.Contains(id)))
        {
            DeleteResourceTree(context, staleId);
        }
    }

    private static bool IsDelete(ResourceChange change) =>
        string.Equals(change.Operation, "delete", StringComparison.OrdinalIgnoreCase);

    // A child name is "parent/child", and the child part may itself contain '/'.
    private static string ChildName(string name)
    {
        var slash = name.IndexOf('/');
        return slash < 0 ? name : name[(slash + 1)..];
    }
}
