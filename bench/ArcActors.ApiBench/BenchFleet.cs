using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.ReadModel;

namespace ArcActors.ApiBench;

/// <summary>
/// The fleet the benchmark serves: hosts with 4 instances of 25 databases each in one subscription,
/// the first of them with fewer when the database count is not a multiple of 25. A second, smaller
/// subscription sorts before it, so a list by subscription has to skip resources of another one.
/// </summary>
public sealed record BenchFleet(ResourceScope Scope, int Databases, int HostOffset)
{
    public const int InstancesPerHost = 4;
    public const int DatabasesPerInstance = 25;

    public static readonly DateTimeOffset InventoryAt = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    public int Instances => (Databases + DatabasesPerInstance - 1) / DatabasesPerInstance;

    public int Hosts => (Instances + InstancesPerHost - 1) / InstancesPerHost;

    public static string HostName(int host) => $"sql-{host:D6}";

    public static Guid VmId(int host) => Guid.Parse($"00000000-0000-4000-8000-{host:D12}");

    public static string InstanceName(int instance) => $"SQL{instance % InstancesPerHost + 1}";

    public static string DatabaseName(int database) => $"db-{database:D2}";

    /// <summary>Returns the number of databases of instance <paramref name="instance"/> (0-based, over the whole fleet).</summary>
    public int DatabasesOf(int instance) =>
        instance == Instances - 1 ? Databases - (Instances - 1) * DatabasesPerInstance : DatabasesPerInstance;

    /// <summary>Returns the ARM id of database <paramref name="database"/> of instance <paramref name="instance"/>.</summary>
    public string DatabaseId(int instance, int database)
    {
        var host = HostOffset + instance / InstancesPerHost;
        var instanceId = ResourceIds.Instance(Scope, HostName(host), InstanceName(instance));
        return ResourceIds.Database(instanceId, DatabaseName(database));
    }

    /// <summary>Returns the events of one host, as the machine and instance entities persist them.</summary>
    public IEnumerable<object> HostEvents(int hostInFleet)
    {
        var host = HostOffset + hostInFleet;
        yield return new MachineChanged(Scope, InventoryAt, Machine(host), []);

        var firstInstance = hostInFleet * InstancesPerHost;
        var lastInstance = Math.Min(firstInstance + InstancesPerHost, Instances);
        for (var instance = firstInstance; instance < lastInstance; instance++)
        {
            var databases = Enumerable.Range(0, DatabasesOf(instance)).Select(Database).ToList();
            var snapshot = Instance(InstanceName(instance));
            yield return new InstanceInventoryChanged(
                new InstanceKey(VmId(host), snapshot.InstanceName), HostName(host), Scope, InventoryAt, snapshot, databases, [], []);
        }
    }

    private static MachineSnapshot Machine(int host) => new()
    {
        VmId = VmId(host),
        HostName = HostName(host),
        Manufacturer = "VMware, Inc.",
        Model = "VMware7,1",
        LogicalProcessors = 8,
        PhysicalCores = 8,
        Extension = new ExtensionSettings { LicenseType = "PAYG" },
    };

    private static InstanceSnapshot Instance(string name) => new()
    {
        InstanceName = name,
        Edition = "Standard",
        CurrentVersion = "16.0.4135.4",
        TcpStaticPorts = "1433",
        TcpDynamicPorts = "",
    };

    private static DatabaseSnapshot Database(int index) => new()
    {
        Name = DatabaseName(index),
        State = "Online",
        CompatibilityLevel = 160,
        SizeMB = 5120,
        CollationName = "SQL_Latin1_General_CP1_CI_AS",
    };
}
