using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Usage;

namespace ArcActors.ClusterBench;

/// <summary>
/// One simulated host: a 4-core PAYG VM with one Standard instance and one database. It builds the
/// uploads of the benchmark's mix: an unchanged inventory of the instance (new upload id and
/// collection time) and a usage upload with one new hour. Lists are List&lt;T&gt;, not collection
/// expressions, because the remoting serializer must resolve their type on the cluster nodes.
/// </summary>
public sealed class BenchHost
{
    /// <summary>Subscription of every simulated host.</summary>
    public static readonly string SubscriptionId = "5b0e2c7a-9f14-4c38-8d6e-1a2b3c4d5e6f";

    // Usage hours start here and advance one hour per usage upload of this host.
    private static readonly DateTimeOffset FirstHour = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ResourceScope Scope = new(SubscriptionId, "cluster-bench", "westeurope");

    private readonly InstanceSnapshot _instance;
    private long _usageHours;

    public BenchHost(int index)
    {
        Index = index;
        Name = $"bench-host-{index:000}";
        VmId = new Guid($"00000000-0000-4000-8000-{index:000000000000}");
        _instance = new InstanceSnapshot
        {
            InstanceName = "MSSQLSERVER",
            Edition = "Standard",
            CurrentVersion = "16.0.4135.4",
            VCore = 4,
            Databases = new List<DatabaseEntry> { new("sales", "Online") },
        };
    }

    public int Index { get; }
    public string Name { get; }
    public Guid VmId { get; }

    public UploadMachine Machine() => new(Guid.NewGuid(), Scope, DateTimeOffset.UtcNow, new MachineSnapshot
    {
        VmId = VmId,
        HostName = Name,
        Manufacturer = "QEMU",
        Model = "Standard PC",
        LogicalProcessors = 4,
        PhysicalCores = 4,
        Extension = new ExtensionSettings { LicenseType = "PAYG", ConsentToRecurringPayg = true },
    }, new List<string> { "MSSQLSERVER" });

    public UploadInventory Inventory() => new(
        Guid.NewGuid(),
        new InstanceKey(VmId, _instance.InstanceName),
        Name,
        Scope,
        DateTimeOffset.UtcNow,
        _instance,
        new List<DatabaseSnapshot>(),
        new List<string> { "sales" });

    public UploadUsage Usage()
    {
        var hour = FirstHour.AddHours(Interlocked.Increment(ref _usageHours) - 1);
        var record = new UsageRecord
        {
            VmId = VmId,
            HostName = Name,
            HourStart = hour,
            IsVirtualMachine = true,
            LogicalProcessors = 4,
            PhysicalCores = 4,
            LicenseType = "PAYG",
            Instances = new List<InstanceUsage> { new() { InstanceName = "MSSQLSERVER", Edition = "Standard", CurrentVersion = "16.0.4135.4" } },
        };
        return new UploadUsage(Guid.NewGuid(), VmId, Name, Scope, new List<UsageRecord> { record });
    }
}
