using Microsoft.AspNetCore.Http;

namespace ArcActors.Arm;

internal sealed partial class ArmWriteHandler
{
    // The database's parent instance gives the entity to write to and the license type and role that gate backups.
    private async Task PatchDatabaseAsync(HttpContext context, IArmCommands commands, ArmRequest.Resource request, string caller)
    {
        var (body, bodyError) = await ReadBodyAsync(context);
        if (body is null)
        {
            await RejectAsync(context, bodyError!);
            return;
        }

        var current = store.GetResource(request.Id);
        var instanceId = current is null ? null : ParentInstanceId(current["id"]!.GetValue<string>());
        var instanceResource = instanceId is null ? null : store.GetResource(instanceId);
        var instance = instanceResource is null ? null : store.FindInstance(instanceId!);
        if (current is null || instanceResource is null || instance is null)
        {
            await RejectAsync(context, ArmError.ResourceNotFound(request.Id, request.Type.FullType));
            return;
        }

        var registrationError = await CheckRegisteredAsync(commands, request.Id, context.RequestAborted);
        var (patch, error) = registrationError is null
            ? DatabasePatchReader.Read(body, current, instanceResource, instance.Value.VmId, instance.Value.InstanceName, caller)
            : (null, registrationError);
        if (patch is null)
        {
            await RejectAsync(context, error!);
            return;
        }

        var result = await commands.PatchDatabaseAsync(patch, context.RequestAborted);
        if (result is { Succeeded: true, Resource: { } settings })
        {
            // As for an instance PATCH, the reply merges the entity's settings into the resource the read store holds.
            current["properties"]!.AsObject()["backupPolicy"] = settings["backupPolicy"]?.DeepClone();
            result = result with { Resource = current };
        }

        await WriteResultAsync(context, result, request.Id);
    }

    // A database id is "{instance id}/databases/{name}", and a database name may itself contain "/databases/".
    private static string ParentInstanceId(string databaseId)
    {
        var marker = databaseId.IndexOf("/databases/", databaseId.IndexOf("/sqlServerInstances/", StringComparison.OrdinalIgnoreCase),
            StringComparison.OrdinalIgnoreCase);
        return databaseId[..marker];
    }
}
