using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Arm.Tests;

/// <summary>Events that fill the read store the API tests read, built the way the read model tests build them.</summary>
internal static class Fixtures
{
    public static readonly ResourceScope Scope = new("3b55f041-58d7-4307-b59a-c390da3fb077", "field-scenarios", "westeurope");
    public static readonly Guid VmId = Guid.Parse("c1653f96-ee2d-4c94-98bc-b5ec924825d6");
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    public const string HostName = "sql-prod-01";

    public static string GroupId => $"/subscriptions/{Scope.SubscriptionId}/resourceGroups/{Scope.ResourceGroup}";

    public static MachineSnapshot Machine() => new()
    {
        VmId = VmId,
        HostName = HostName,
        Manufacturer = "VMware, Inc.",
        Model = "VMware7,1",
        LogicalProcessors = 8,
        PhysicalCores = 8,
        Extension = new ExtensionSettings { LicenseType = "PAYG" },
    };

    public static InstanceSnapshot Instance(string name, params AvailabilityGroupSnapshot[] availabilityGroups) => new()
    {
        InstanceName = name,
        Edition = "Standard",
        CurrentVersion = "16.0.4135.4",
        TcpStaticPorts = "1533",
        TcpDynamicPorts = "",
        AvailabilityGroups = availabilityGroups,
    };

    public static AvailabilityGroupSnapshot AvailabilityGroup(string name) => new()
    {
        AvailabilityGroupId = Guid.Parse("0f5c8d0e-6a7b-4f7e-9a51-2d3c4b5a6978"),
        Name = name,
        LocalRole = "PRIMARY",
        PrimaryReplica = HostName,
    };

    public static DatabaseSnapshot Database(string name) => new()
    {
        Name = name,
        State = "Online",
        CompatibilityLevel = 160,
        SizeMB = 5120,
        CollationName = "SQL_Latin1_General_CP1_CI_AS",
    };

    public static MachineChanged MachineEvent(DateTimeOffset at) =>
        new(Scope, at, Machine(), [new ResourceChange("machines", HostName, "write", [new PropertyChange("status", "", "Connected")])]);

    public static InstanceInventoryChanged InventoryEvent(InstanceSnapshot instance, IReadOnlyList<DatabaseSnapshot> databases, DateTimeOffset at) =>
        new(new InstanceKey(VmId, instance.InstanceName), HostName, Scope, at, instance, databases, [], []);

    public static string InstanceId(string instanceName) =>
        $"{GroupId}/providers/Microsoft.AzureArcData/sqlServerInstances/{HostName}_{instanceName}";

    public static string MachineId() => $"{GroupId}/providers/Microsoft.HybridCompute/machines/{HostName}";

    public static List<(long Offset, object Event)> Batch(long firstOffset, params object[] events) =>
        events.Select((e, i) => (firstOffset + i, e)).ToList();
}
