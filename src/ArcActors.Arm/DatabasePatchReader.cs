using System.Text.Json.Nodes;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Arm;

/// <summary>
/// Reads and checks the body of a PATCH on <c>sqlServerInstances/databases</c>. Only <c>properties.backupPolicy</c>
/// is writable. The policy is checked as on the instance, and enabling backups needs the same license type and
/// instance role, read from the parent instance resource. A null policy removes the database's own policy.
/// </summary>
internal static class DatabasePatchReader
{
    public static (DatabasePatch? Patch, ArmError? Error) Read(JsonObject body, JsonObject database, JsonObject instance, Guid vmId, string instanceName,
        string caller)
    {
        foreach (var (name, value) in body)
        {
            var unchanged = name is "id" or "name" or "type" && JsonNode.DeepEquals(value, database[name]);
            if (name != "properties" && !unchanged)
            {
                return Fail($"The property '{name}' cannot be changed on sqlServerInstances/databases. Send only "
                    + "{\"properties\": {\"backupPolicy\": {...}}}, or {\"properties\": {\"backupPolicy\": null}} to remove the database's policy.");
            }
        }

        if (body["properties"] is not JsonObject properties)
        {
            return Fail("The body has no 'properties' object. Send {\"properties\": {\"backupPolicy\": {\"retentionPeriodDays\": 7}}}, for example.");
        }

        var unknown = properties.Select(pair => pair.Key).FirstOrDefault(name => name != "backupPolicy");
        if (unknown is not null)
        {
            return Fail($"The property 'properties.{unknown}' is read-only or unknown. The only writable database property is backupPolicy.");
        }

        if (!properties.ContainsKey("backupPolicy"))
        {
            return Fail("The body has no 'properties.backupPolicy'. Send a policy object, or null to remove the database's policy.");
        }

        BackupPolicy? policy = null;
        if (properties["backupPolicy"] is { } policyNode)
        {
            var (read, policyError) = InstancePatchReader.ReadPolicy(policyNode);
            if (policyError is not null)
            {
                return (null, policyError);
            }

            policy = read;
        }

        var gate = InstancePatchReader.CheckLicense(instance, policy, null) ?? InstancePatchReader.CheckBackupSupport(instance, policy);
        if (gate is not null)
        {
            return (null, gate);
        }

        var databaseName = database["name"]!.GetValue<string>();
        return (new DatabasePatch(database["id"]!.GetValue<string>(), vmId, instanceName, databaseName, policy, caller), null);
    }

    private static (DatabasePatch?, ArmError?) Fail(string message) => (null, ArmError.InvalidRequestContent(message));
}
