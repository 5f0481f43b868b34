using System.Text.Json.Nodes;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>
    /// Renders and stores one resource. <paramref name="render"/> receives the resource's times, which
    /// keep its first creation time. A resource whose properties did not change is not rewritten, so its
    /// <c>lastModifiedAt</c> stays.
    /// </summary>
    private static void WriteResource(
        WriteContext context,
        string id,
        string type,
        Guid vmId,
        string? parentId,
        DateTimeOffset at,
        Func<ResourceTimes, JsonObject> render)
    {
        var dialect = context.Dialect;
        var existing = context.Query(
            $"SELECT id, json, created_at, modified_at FROM resources WHERE {dialect.EqualsIgnoringCase("id", "@id")}",
            reader => (Id: reader.GetString(0), Json: reader.GetString(1), CreatedAt: reader.GetInt64(2), ModifiedAt: reader.GetInt64(3)),
            ("@id", id));
        var previous = existing.Count == 0 ? default : existing[0];
        var createdAt = existing.Count == 0 ? at : ArmTime.FromTicks(previous.CreatedAt);

        // Projections of different tags may apply an older event after a newer one (a machine event
        // re-renders its instances), so the modification time never moves back. The stored resources
        // then end the same whatever order the projections ran in.
        var modifiedAt = existing.Count == 0 ? at : Later(at, ArmTime.FromTicks(previous.ModifiedAt));
        var resource = render(new ResourceTimes(createdAt, modifiedAt));

        if (existing.Count > 0 && previous.Id == id && SameProperties(previous.Json, resource))
        {
            return;
        }

        context.Execute(
            $"""
            INSERT INTO resources(id, type, vm_id, parent_id, json, created_at, modified_at)
            VALUES (@id, @type, @vmId, @parentId, @json, @createdAt, @modifiedAt)
            ON CONFLICT({dialect.FoldedConflictTarget("id")}) DO UPDATE SET
                id = excluded.id, type = excluded.type, vm_id = excluded.vm_id, parent_id = excluded.parent_id,
                json = excluded.json, modified_at = excluded.modified_at
            """,
            ("@id", id),
            ("@type", type),
            ("@vmId", vmId.ToString("D")),
            ("@parentId", parentId),
            ("@json", ArmJson.ToCompact(resource)),
            ("@createdAt", ArmTime.ToTicks(createdAt)),
            ("@modifiedAt", ArmTime.ToTicks(modifiedAt)));
    }

    private static DateTimeOffset Later(DateTimeOffset left, DateTimeOffset right) => left > right ? left : right;

    private static bool SameProperties(string storedJson, JsonObject resource)
    {
        var stored = ArmJson.ParseObject(storedJson);
        return ArmJson.ToCompact(stored["properties"]) == ArmJson.ToCompact(resource["properties"])
            && ArmJson.ToCompact(stored["name"]) == ArmJson.ToCompact(resource["name"]);
    }

    /// <summary>Deletes a resource, its child resources and their last-seen times.</summary>
    private static void DeleteResourceTree(WriteContext context, string id)
    {
        var dialect = context.Dialect;
        context.Execute(
            $"""
            DELETE FROM last_seen WHERE {dialect.EqualsIgnoringCase("resource_id", "@id")}
               OR {dialect.Fold("resource_id")} IN (SELECT {dialect.Fold("id")} FROM resources WHERE {dialect.EqualsIgnoringCase("parent_id", "@id")})
            """,
            ("@id", id));
        context.Execute(
            $"DELETE FROM resources WHERE {dialect.EqualsIgnoringCase("id", "@id")} OR {dialect.EqualsIgnoringCase("parent_id", "@id")}",
            ("@id", id));
    }

    private static List<string> ChildIds(WriteContext context, string parentId, string type) =>
        context.Query(
            $"SELECT id FROM resources WHERE {context.Dialect.EqualsIgnoringCase("parent_id", "@parentId")} AND {context.Dialect.EqualsIgnoringCase("type", "@type")}",
            reader => reader.GetString(0),
            ("@parentId", parentId),
            ("@type", type));
}
