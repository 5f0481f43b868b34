using System.Text.Json;
using System.Text.Json.Nodes;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;

namespace ArcActors.Arm;

/// <summary>
/// Reads and checks the body of a PATCH on <c>sqlServerInstances</c>. Only <c>properties.backupPolicy</c>
/// and <c>properties.monitoring.enabled</c> are writable; both need the Paid or PAYG license type, and
/// automated backups are refused on failover cluster instances and on instances hosting an AG replica.
/// </summary>
internal static class InstancePatchReader
{

    public static (InstancePatch? Patch, ArmError? Error) Read(JsonObject body, JsonObject current, Guid vmId, string instanceName, string caller)
    {
        foreach (var (name, value) in body)
        {
            var unchanged = name is "id" or "name" or "type" or "location" && JsonNode.DeepEquals(value, current[name]);
            if (name != "properties" && !unchanged)
            {
                return Fail($"The property '{name}' cannot be changed on sqlServerInstances. Send only "
                    + "{\"properties\": {\"backupPolicy\": {...}, \"monitoring\": {\"enabled\": true}}}.");
            }
        }

        if (body["properties"] is not JsonObject properties)
        {
            return Fail("The body has no 'properties' object. Send {\"properties\": {\"monitoring\": {\"enabled\": false}}}, for example.");
        }

        BackupPolicy? policy = null;
        bool? monitoring = null;
        foreach (var (name, value) in properties)
        {
            switch (name)
            {
                case "backupPolicy":
                    var (read, policyError) = ReadPolicy(value);
                    if (policyError is not null)
                    {
                        return (null, policyError);
                    }

                    policy = read;
                    break;
                case "monitoring":
                    if (value is not JsonObject { Count: 1 } monitoringObject || !TryBool(monitoringObject["enabled"], out var enabled))
                    {
                        return Fail("'properties.monitoring' must be {\"enabled\": true} or {\"enabled\": false}.");
                    }

                    monitoring = enabled;
                    break;
                default:
                    return Fail($"The property 'properties.{name}' is read-only or unknown. The writable properties are backupPolicy and monitoring.enabled.");
            }
        }

        var gate = CheckLicense(current, policy, monitoring) ?? CheckBackupSupport(current, policy);
        var shown = current["properties"]?["monitoring"]?["enabled"] is JsonValue shownValue && shownValue.TryGetValue(out bool enabledNow) && enabledNow;
        return gate is not null
            ? (null, gate)
            : (new InstancePatch(current["id"]!.GetValue<string>(), vmId, instanceName, policy, monitoring, caller) { MonitoringShown = shown }, null);
    }

    internal static (BackupPolicy?, ArmError?) ReadPolicy(JsonNode? value)
    {
        if (value is null)
        {
            return (BackupPolicy.Default with { RetentionPeriodDays = 0 }, null);
        }

        if (value is not JsonObject policy)
        {
            return (null, ArmError.InvalidRequestContent("'properties.backupPolicy' must be an object such as {\"retentionPeriodDays\": 7}, or null to turn backups off."));
        }

        var known = new[] { "retentionPeriodDays", "fullBackupDays", "differentialBackupHours", "transactionLogBackupMinutes" };
        var unknown = policy.Select(pair => pair.Key).FirstOrDefault(key => !known.Contains(key));
        if (unknown is not null)
        {
            return (null, ArmError.InvalidRequestContent($"'backupPolicy.{unknown}' is unknown; use {string.Join(", ", known)}."));
        }

        var defaults = BackupPolicy.Default;
        var checks = new (string Name, int Default, Func<int, bool> Valid, string Rule)[]
        {
            ("retentionPeriodDays", defaults.RetentionPeriodDays, days => days is >= 0 and <= 35, "0 to 35 (0 turns automated backups off)"),
            ("fullBackupDays", defaults.FullBackupDays, days => days is >= 0 and <= 7, "0 to 7"),
            ("differentialBackupHours", defaults.DifferentialBackupHours, hours => hours is 12 or 24, "12 or 24"),
            ("transactionLogBackupMinutes", defaults.TransactionLogBackupMinutes, minutes => minutes is >= 0 and <= 60, "0 to 60"),
        };
        var values = new int[checks.Length];
        for (var i = 0; i < checks.Length; i++)
        {
            var node = policy[checks[i].Name];
            if (node is null)
            {
                values[i] = checks[i].Default;
                continue;
            }

            if (!TryInt(node, out values[i]) || !checks[i].Valid(values[i]))
            {
                return (null, new ArmError(400, "InvalidParameter",
                    $"'backupPolicy.{checks[i].Name}' is {node.ToJsonString()}; it must be a whole number of {checks[i].Rule}."));
            }
        }

        return (new BackupPolicy(values[0], values[1], values[2], values[3]), null);
    }

    /// <summary>
    /// Rejects turning on automated backups or monitoring on a host whose license type lacks them, with the
    /// same status, code and message as a job of that feature (409 <see cref="FeatureLicensing.RejectionCode"/>).
    /// </summary>
    internal static ArmError? CheckLicense(JsonObject current, BackupPolicy? policy, bool? monitoring)
    {
        string? feature = null;
        if (policy is { RetentionPeriodDays: > 0 })
        {
            feature = JobKinds.Backup;
        }
        else if (monitoring == true)
        {
            feature = "Monitoring";
        }

        if (feature is null)
        {
            return null;
        }

        var licenseType = current["properties"]?["licenseType"]?.GetValue<string>() ?? "Undefined";
        var host = current["properties"]?["containerResourceId"]?.GetValue<string>().Split('/')[^1] ?? "(unknown host)";
        var message = FeatureLicensing.Rejection(feature, host, licenseType);
        return message is null ? null : new ArmError(409, FeatureLicensing.RejectionCode, message);
    }

    internal static ArmError? CheckBackupSupport(JsonObject current, BackupPolicy? policy)
    {
        var role = current["properties"]?["alwaysOnRole"]?.GetValue<string>() ?? "None";
        if (policy is not { RetentionPeriodDays: > 0 } || role is not ("FailoverClusterInstance" or "AvailabilityGroupReplica"))
        {
            return null;
        }

        return new ArmError(409, "BackupNotSupported",
            $"Automated backups are not supported on an instance whose alwaysOnRole is '{role}'. Back up failover cluster instances and availability group replicas with your own jobs.");
    }

    private static bool TryBool(JsonNode? node, out bool value)
    {
        value = false;
        return node is JsonValue json && json.GetValueKind() is JsonValueKind.True or JsonValueKind.False && json.TryGetValue(out value);
    }

    private static bool TryInt(JsonNode node, out int value)
    {
        value = 0;
        return node is JsonValue json && json.GetValueKind() == JsonValueKind.Number && json.TryGetValue(out value);
    }

    private static (InstancePatch?, ArmError?) Fail(string message) => (null, ArmError.InvalidRequestContent(message));
}
