using ArcActors.Contracts.Licenses;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>
    /// Stores the license's rendered resource and its activity rows. The event carries the whole license,
    /// so the stored resource is replaced as a whole, tags and location included.
    /// </summary>
    private static void ApplyLicenseWritten(WriteContext context, long offset, LicenseWritten written)
    {
        var license = written.ToResource();
        var id = ResourceIds.License(license.Scope, license.Name);

        context.Execute(
            $"""
            INSERT INTO resources(id, type, vm_id, parent_id, json, created_at, modified_at)
            VALUES (@id, @type, NULL, NULL, @json, @createdAt, @modifiedAt)
            ON CONFLICT({context.Dialect.FoldedConflictTarget("id")}) DO UPDATE SET
                id = excluded.id, type = excluded.type, json = excluded.json,
                created_at = excluded.created_at, modified_at = excluded.modified_at
            """,
            ("@id", id),
            ("@type", ResourceIds.LicenseType),
            ("@json", ArmJson.ToCompact(ArmRenderer.License(license))),
            ("@createdAt", ArmTime.ToTicks(license.CreatedAt)),
            ("@modifiedAt", ArmTime.ToTicks(license.LastModifiedAt)));

        WriteActivity(context, offset, written.Scope, written.At, written.Changes, written.Caller);
    }

    private static void ApplyLicenseDeleted(WriteContext context, long offset, LicenseDeleted deleted)
    {
        DeleteResourceTree(context, ResourceIds.License(deleted.Scope, deleted.Name));
        WriteActivity(context, offset, deleted.Scope, deleted.At, deleted.Changes, deleted.Caller);
    }
}
