using System.Text.Json.Nodes;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>
    /// Writes one activity row per resource change. Rows are unique by (projection, offset, index in the
    /// event), so applying the same event twice writes nothing the second time. A change with an empty
    /// <see cref="ResourceChange.Caller"/> came from the host agent and is logged with <paramref name="agentCaller"/>.
    /// </summary>
    private static void WriteActivity(
        WriteContext context,
        long offset,
        ResourceScope scope,
        DateTimeOffset at,
        IReadOnlyList<ResourceChange> changes,
        string agentCaller)
    {
        for (var index = 0; index < changes.Count; index++)
        {
            var change = changes[index];
            var operation = $"{ResourceIds.QualifyType(change.ResourceType)}/{change.Operation.ToLowerInvariant()}";

            context.Execute(
                """
                INSERT INTO activity(time, resource_id, operation, changes_json, projection, source_offset, idx, caller)
                VALUES (@time, @resourceId, @operation, @changes, @projection, @offset, @index, @caller)
                ON CONFLICT DO NOTHING
                """,
                ("@time", ArmTime.ToTicks(at)),
                ("@resourceId", ActivityResourceId(scope, change)),
                ("@operation", operation),
                ("@changes", ArmJson.ToCompact(ChangesObject(change.Properties))),
                ("@projection", context.Projection),
                ("@offset", offset),
                ("@index", index),
                ("@caller", string.IsNullOrEmpty(change.Caller) ? agentCaller : change.Caller));
        }
    }

    /// <summary>Returns the caller of a change the host agent on <paramref name="hostName"/> reported.</summary>
    private static string HostAgentCaller(string hostName) => $"host agent on {hostName}";

    /// <summary>Returns <c>{"property": {"old": "...", "new": "..."}}</c> in the order the event lists the properties.</summary>
    public static JsonObject ChangesObject(IReadOnlyList<PropertyChange> properties)
    {
        var changes = new JsonObject();
        foreach (var property in properties)
        {
            changes[property.Property] = new JsonObject
            {
                ["old"] = property.OldValue,
                ["new"] = property.NewValue,
            };
        }

        return changes;
    }

    // NOTE: a change whose name has fewer segments than its type needs is logged under "<type>/<name>" rather than failing the whole batch.
    private static string ActivityResourceId(ResourceScope scope, ResourceChange change)
    {
        var segmentsNeeded = ResourceIds.QualifyType(change.ResourceType).Split('/').Length - 1;
        if (change.Name.Split('/', segmentsNeeded).Length == segmentsNeeded)
        {
            return ResourceIds.FromTypeAndName(scope, change.ResourceType, change.Name);
        }

        return $"{ResourceIds.ResourceGroupPrefix(scope)}/providers/{ResourceIds.QualifyType(change.ResourceType)}/{change.Name}";
    }
}
