using ArcActors.Contracts.Usage;

namespace ArcActors.Billing.Tests;

/// <summary>Builders for usage records in tests.</summary>
internal static class Usage
{
    public static readonly DateTimeOffset Hour = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    public static readonly Guid VmId = Guid.Parse("7f0c2a51-3e1b-4c8e-9d4a-2b6f1e0a9c33");

    public const string Sql2022 = "16.0.4135.4";
    public const string Sql2016 = "13.0.6300.2";
    public const string Sql2014 = "12.0.6024.0";
    public const string Sql2019 = "15.0.4375.4";

    public static UsageRecord Vm(int logicalProcessors, string licenseType, params InstanceUsage[] instances) => new()
    {
        VmId = VmId,
        HostName = "sql-test-01",
        HourStart = Hour,
        IsVirtualMachine = true,
        LogicalProcessors = logicalProcessors,
        PhysicalCores = logicalProcessors,
        LicenseType = licenseType,
        Instances = instances,
    };

    public static UsageRecord Physical(int physicalCores, int logicalProcessors, string licenseType, params InstanceUsage[] instances) =>
        Vm(logicalProcessors, licenseType, instances) with { IsVirtualMachine = false, PhysicalCores = physicalCores };

    /// <summary>An instance with a user database outside every availability group, as most instances have.</summary>
    public static InstanceUsage Active(string name, string edition, string version = Sql2022) => new()
    {
        InstanceName = name,
        Edition = edition,
        CurrentVersion = version,
        HasDatabaseOutsideAvailabilityGroup = true,
    };

    /// <summary>An instance whose only user databases are in one availability group whose local replica is a non-readable secondary.</summary>
    public static InstanceUsage Secondary(string name, string edition, bool isReadable = false, int userConnections = 0) => new()
    {
        InstanceName = name,
        Edition = edition,
        CurrentVersion = Sql2022,
        UserConnections = userConnections,
        Replicas = [new ReplicaUsage("ag-orders", IsPrimary: false, IsReadable: isReadable)],
    };
}
