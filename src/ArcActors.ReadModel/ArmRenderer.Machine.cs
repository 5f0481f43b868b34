using System.Globalization;
using System.Text.Json.Nodes;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;

namespace ArcActors.ReadModel;

public static partial class ArmRenderer
{
    /// <summary>Renders a <c>Microsoft.HybridCompute/machines</c> resource named after the host.</summary>
    public static JsonObject Machine(ResourceScope scope, MachineSnapshot machine, ResourceTimes times)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(times);

        var properties = new JsonObject
        {
            ["provisioningState"] = "Succeeded",
            ["status"] = "Connected",
            ["vmId"] = machine.VmId.ToString("D"),
            ["displayName"] = machine.HostName,
            ["machineFqdn"] = machine.HostName,
            ["osName"] = machine.Os,
            ["osType"] = machine.Os.ToLowerInvariant(),
            ["detectedProperties"] = DetectedProperties(machine),
            ["extensions"] = new JsonArray(SqlExtension(machine)),
        };

        return Envelope(
            ResourceIds.Machine(scope, machine.HostName),
            machine.HostName,
            ResourceIds.MachineType,
            LocationOf(scope),
            times,
            properties);
    }

    // ARM returns detectedProperties as a map of strings, numbers included.
    private static JsonObject DetectedProperties(MachineSnapshot machine) => new()
    {
        ["manufacturer"] = machine.Manufacturer,
        ["model"] = machine.Model,
        ["logicalCoreCount"] = machine.LogicalProcessors.ToString(CultureInfo.InvariantCulture),
        ["coreCount"] = PhysicalCoresOf(machine).ToString(CultureInfo.InvariantCulture),
        ["hostType"] = machine.HostType,
        ["sqlServerLicenseType"] = machine.Extension.LicenseType,
    };

    // The SQL Server extension as a MachineExtensionInstanceView; an unhealthy one carries the code and
    // message the cloud side rejected the host's inventory with, such as SubscriptionNotRegistered.
    private static JsonObject SqlExtension(MachineSnapshot machine)
    {
        var name = string.Equals(machine.Os, "Linux", StringComparison.OrdinalIgnoreCase) ? "LinuxAgent.SqlServer" : "WindowsAgent.SqlServer";
        var healthy = machine.Health.Status == ExtensionHealth.Healthy.Status;
        var status = new JsonObject
        {
            ["code"] = healthy ? "ProvisioningState/succeeded" : $"SqlServerExtension/{machine.Health.Code}",
            ["level"] = healthy ? "Info" : "Error",
            ["displayStatus"] = machine.Health.Status,
            ["message"] = healthy ? "The extension is healthy." : $"{machine.Health.Code}: {machine.Health.Message}",
        };
        return new JsonObject { ["name"] = name, ["type"] = name, ["status"] = status };
    }

    private static int PhysicalCoresOf(MachineSnapshot machine) =>
        machine.PhysicalCores > 0 ? machine.PhysicalCores : machine.LogicalProcessors;

    /// <summary>Returns the cores the OS environment bills on: logical processors for a VM, physical cores for a server.</summary>
    public static int BillableCores(MachineSnapshot machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return machine.IsVirtualMachine ? machine.LogicalProcessors : PhysicalCoresOf(machine);
    }
}
