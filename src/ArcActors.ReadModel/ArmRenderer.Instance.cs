using System.Globalization;
using System.Text.Json.Nodes;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;

namespace ArcActors.ReadModel;

public static partial class ArmRenderer
{
    /// <summary>
    /// Renders a <c>sqlServerInstances</c> resource. <paramref name="machine"/> supplies <c>cores</c>,
    /// <c>licenseType</c> and <c>hostType</c>. While the machine is unknown they are "", "Undefined" and "Other".
    /// </summary>
    public static JsonObject Instance(
        ResourceScope scope,
        string hostName,
        InstanceSnapshot instance,
        MachineSnapshot? machine,
        ResourceTimes times,
        DateTimeOffset? lastInventoryUploadTime,
        DateTimeOffset? lastUsageUploadTime,
        InstanceSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(times);

        var id = ResourceIds.Instance(scope, hostName, instance.InstanceName);
        var licenseType = machine?.Extension.LicenseType ?? "Undefined";

        var properties = new JsonObject
        {
            ["version"] = instance.VersionLabel,
            ["edition"] = instance.Edition,
            ["containerResourceId"] = ResourceIds.Machine(scope, hostName),
            ["createTime"] = ArmTime.Format(times.CreatedAt),
            ["vCore"] = VCoreOf(instance, machine),
            ["cores"] = machine is null ? "" : BillableCores(machine).ToString(CultureInfo.InvariantCulture),
            ["status"] = "Connected",
            ["patchLevel"] = instance.PatchLevel,
            ["collation"] = instance.Collation,
            ["currentVersion"] = instance.CurrentVersion,
            ["instanceName"] = instance.InstanceName,
            ["tcpDynamicPorts"] = NormalizePorts(instance.TcpDynamicPorts),
            ["tcpStaticPorts"] = NormalizePorts(instance.TcpStaticPorts),
            ["productId"] = instance.ProductId,
            ["licenseType"] = licenseType,
            ["provisioningState"] = "Succeeded",
            ["lastInventoryUploadTime"] = Time(lastInventoryUploadTime),
            ["lastUsageUploadTime"] = Time(lastUsageUploadTime),
            ["hostType"] = machine?.HostType ?? "Other",
            ["alwaysOnRole"] = instance.AlwaysOnRole,
        };

        if (instance.FailoverCluster is { } cluster)
        {
            properties["failoverCluster"] = FailoverCluster(id, cluster);
        }

        properties["backupPolicy"] = settings?.BackupPolicy is { } policy ? BackupPolicyObject(policy) : null;
        properties["monitoring"] = new JsonObject { ["enabled"] = settings?.MonitoringEnabled ?? IsMonitoringEnabled(instance, licenseType) };

        return Envelope(id, ResourceIds.InstanceName(hostName, instance.InstanceName), ResourceIds.InstanceType, LocationOf(scope), times, properties);
    }

    /// <summary>
    /// Returns the writable properties of an instance, <c>backupPolicy</c> and <c>monitoring</c>, as a PATCH
    /// sets them. Monitoring left at its default is absent, because its value depends on the instance.
    /// </summary>
    public static JsonObject InstanceSettingsProperties(InstanceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var properties = new JsonObject { ["backupPolicy"] = settings.BackupPolicy is { } policy ? BackupPolicyObject(policy) : null };
        if (settings.MonitoringEnabled is { } enabled)
        {
            properties["monitoring"] = new JsonObject { ["enabled"] = enabled };
        }

        return properties;
    }

    private static JsonObject BackupPolicyObject(BackupPolicy policy) => new()
    {
        ["retentionPeriodDays"] = policy.RetentionPeriodDays,
        ["fullBackupDays"] = policy.FullBackupDays,
        ["differentialBackupHours"] = policy.DifferentialBackupHours,
        ["transactionLogBackupMinutes"] = policy.TransactionLogBackupMinutes,
    };

    /// <summary>
    /// Returns a port list without empty entries and without "0", which SQL Server stores when dynamic
    /// ports are off; ARM shows such a list as "".
    /// </summary>
    public static string NormalizePorts(string? ports)
    {
        if (string.IsNullOrWhiteSpace(ports))
        {
            return "";
        }

        var portsWithoutZero = ports
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(port => port != "0");
        return string.Join(",", portsWithoutZero);
    }

    // NOTE: a snapshot with VCore 0 did not report it, so vCore falls back to the machine's logical processors.
    private static string VCoreOf(InstanceSnapshot instance, MachineSnapshot? machine)
    {
        var vCore = instance.VCore > 0 ? instance.VCore : machine?.LogicalProcessors ?? 0;
        return vCore > 0 ? vCore.ToString(CultureInfo.InvariantCulture) : "";
    }

    // NOTE: the snapshot carries no cluster id or peer instance ids, so the cluster lists only this instance.
    private static JsonObject FailoverCluster(string instanceId, FailoverClusterInfo cluster) => new()
    {
        ["networkName"] = cluster.NetworkName,
        ["sqlInstanceIds"] = new JsonArray(JsonValue.Create(instanceId)),
        ["hostNames"] = new JsonArray(cluster.HostNames.Select(host => (JsonNode?)JsonValue.Create(host)).ToArray()),
    };

    // Monitoring is on by default for Standard and Enterprise, SQL Server 2016 (major 13) or later, on Paid or PAYG.
    private static bool IsMonitoringEnabled(InstanceSnapshot instance, string licenseType)
    {
        var editionQualifies = instance.Edition is "Standard" or "Enterprise";
        var versionQualifies = SqlServerVersions.MajorOf(instance.CurrentVersion) >= 13;
        var licenseQualifies = licenseType is "Paid" or "PAYG";
        return editionQualifies && versionQualifies && licenseQualifies;
    }
}
