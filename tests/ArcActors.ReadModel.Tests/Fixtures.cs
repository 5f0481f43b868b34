using ArcActors.Contracts.Billing;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Usage;

namespace ArcActors.ReadModel.Tests;

/// <summary>Events and snapshots the tests build on.</summary>
internal static class Fixtures
{
    public static readonly ResourceScope Scope = new("3b55f041-58d7-4307-b59a-c390da3fb077", "field-scenarios", "westeurope");
    public static readonly Guid VmId = Guid.Parse("c1653f96-ee2d-4c94-98bc-b5ec924825d6");
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    public const string Host = "sql-prod-01";

    public static MachineSnapshot Machine(int logicalProcessors = 8, string licenseType = "PAYG", string hostName = Host) => new()
    {
        VmId = VmId,
        HostName = hostName,
        Manufacturer = "VMware, Inc.",
        Model = "VMware7,1",
        LogicalProcessors = logicalProcessors,
        PhysicalCores = logicalProcessors,
        Extension = new ExtensionSettings { LicenseType = licenseType },
    };

    public static InstanceSnapshot Instance(string name = "SALES", string edition = "Standard", string staticPorts = "1533", string dynamicPorts = "") => new()
    {
        InstanceName = name,
        Edition = edition,
        CurrentVersion = "16.0.4135.4",
        TcpStaticPorts = staticPorts,
        TcpDynamicPorts = dynamicPorts,
    };

    public static DatabaseSnapshot Database(string name, string state = "Online") => new()
    {
        Name = name,
        State = state,
        CompatibilityLevel = 160,
        SizeMB = 5120,
        CollationName = "SQL_Latin1_General_CP1_CI_AS",
    };

    public static MachineChanged MachineEvent(MachineSnapshot machine, DateTimeOffset at) =>
        new(Scope, at, machine, [new ResourceChange("machines", machine.HostName, "write", [new PropertyChange("status", "", "Connected")])]);

    public static InstanceInventoryChanged InventoryEvent(
        InstanceSnapshot? instance,
        DateTimeOffset at,
        IReadOnlyList<DatabaseSnapshot>? upserted = null,
        IReadOnlyList<string>? removed = null,
        IReadOnlyList<ResourceChange>? changes = null,
        string instanceName = "SALES",
        string hostName = Host) =>
        new(new InstanceKey(VmId, instanceName), hostName, Scope, at, instance, upserted ?? [], removed ?? [], changes ?? []);

    public static UsageHourBilled UsageEvent(DateTimeOffset hourStart, params BillingLine[] lines) =>
        new(VmId, Host, Scope, hourStart, hourStart.AddMinutes(5), new UsageRecord { VmId = VmId, HostName = Host, HourStart = hourStart }, lines);

    public static string InstanceId(string instanceName = "SALES", string hostName = Host) =>
        $"/subscriptions/{Scope.SubscriptionId}/resourceGroups/{Scope.ResourceGroup}/providers/Microsoft.AzureArcData/sqlServerInstances/{hostName}_{instanceName}";

    public static string MachineId(string hostName = Host) =>
        $"/subscriptions/{Scope.SubscriptionId}/resourceGroups/{Scope.ResourceGroup}/providers/Microsoft.HybridCompute/machines/{hostName}";

    public static List<(long Offset, object Event)> Batch(long firstOffset, params object[] events) =>
        events.Select((e, i) => (firstOffset + i, e)).ToList();
}
