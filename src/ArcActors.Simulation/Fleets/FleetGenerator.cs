using System.Globalization;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Simulation.Fleets;

/// <summary>Generates large synthetic fleets for benchmarks and load tests.</summary>
public static class FleetGenerator
{
    private static readonly string[] Versions = ["16.0.4135.4", "15.0.4375.4", "14.0.3465.1", "13.0.6435.1"];
    private static readonly (string Manufacturer, string Model)[] VirtualMachines =
        [("VMware, Inc.", "VMware7,1"), ("QEMU", "Standard PC (Q35 + ICH9, 2009)"), ("Microsoft Corporation", "Virtual Machine")];
    private static readonly (string Manufacturer, string Model)[] Servers = [("Dell Inc.", "PowerEdge R650"), ("HPE", "ProLiant DL380 Gen10")];
    private static readonly int[] VirtualProcessors = [2, 4, 8, 16, 32, 64];
    private static readonly int[] ServerCores = [8, 16, 24, 32];
    private static readonly string[] RecoveryModes = ["Full", "Full", "Simple", "Bulk-logged"];

    /// <summary>
    /// Generates a fleet of <paramref name="hosts"/> hosts, each with exactly
    /// <paramref name="instancesPerHost"/> instances of <paramref name="databasesPerInstance"/>
    /// databases. The same arguments give the same fleet on the same .NET version (System.Random
    /// with a seed is not promised stable across versions). About one host in five is a
    /// physical server with hyperthreading, editions and license types are mixed, and Linux hosts
    /// appear only with one instance per host, since SQL Server on Linux runs one instance per host.
    /// A short timeline adds a database, downgrades an edition and takes a database offline.
    /// </summary>
    public static Fleet Generate(int hosts, int instancesPerHost, int databasesPerInstance, DateTimeOffset start, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hosts);
        ArgumentOutOfRangeException.ThrowIfNegative(instancesPerHost);
        ArgumentOutOfRangeException.ThrowIfNegative(databasesPerInstance);

        var random = new Random(seed);
        var fleetHosts = Enumerable.Range(0, hosts)
            .Select(index => GenerateHost(random, index, instancesPerHost, databasesPerInstance))
            .ToList();
        var utcStart = start.ToUniversalTime();

        return new Fleet
        {
            SubscriptionId = NameBasedGuid.Create(NameBasedGuid.DnsNamespace, $"arcactors.generated-fleet.{seed}"),
            ResourceGroup = "generated-fleet",
            Start = utcStart,
            Licenses = hosts >= 10 ? [new FleetLicense { Name = "generated-core-license", BillingPlan = FleetValues.Payg, PhysicalCores = 16, ScopeType = "Subscription" }] : [],
            Hosts = fleetHosts,
            Timeline = GenerateTimeline(fleetHosts, utcStart),
        };
    }

    private static FleetHost GenerateHost(Random random, int index, int instancesPerHost, int databasesPerInstance)
    {
        var name = $"sim-host-{index + 1:D5}";
        var isServer = random.Next(5) == 0;
        var (manufacturer, model) = isServer ? Pick(random, Servers) : Pick(random, VirtualMachines);
        var physicalCores = isServer ? Pick(random, ServerCores) : Pick(random, VirtualProcessors);
        var logicalProcessors = isServer ? physicalCores * 2 : physicalCores;
        var os = instancesPerHost == 1 && random.Next(7) == 0 ? FleetValues.Linux : FleetValues.Windows;
        var licenseType = Pick(random, [FleetValues.Payg, FleetValues.Payg, FleetValues.Paid, FleetValues.Paid, FleetValues.LicenseOnly]);

        return new FleetHost
        {
            Name = name,
            VmId = NameBasedGuid.ForHostName(name),
            Os = os,
            Manufacturer = manufacturer,
            Model = model,
            LogicalProcessors = logicalProcessors,
            PhysicalCores = physicalCores,
            Extension = new FleetExtension { LicenseType = licenseType, ConsentToRecurringPayg = licenseType == FleetValues.Payg },
            Instances = Enumerable.Range(0, instancesPerHost).Select(number => GenerateInstance(random, number, databasesPerInstance)).ToList(),
        };
    }

    private static FleetInstance GenerateInstance(Random random, int number, int databasesPerInstance)
    {
        var isDefault = number == 0;
        var version = Pick(random, Versions);
        var compatibilityLevel = SqlServerVersions.DefaultCompatibilityLevel(version);

        return new FleetInstance
        {
            Name = isDefault ? FleetValues.DefaultInstanceName : $"INST{number:D2}",
            Edition = PickEdition(random),
            Version = version,
            TcpStaticPorts = isDefault ? "1433" : "",
            TcpDynamicPorts = isDefault ? "" : random.Next(49152, 65536).ToString(CultureInfo.InvariantCulture),
            UserConnections = random.Next(0, 200),
            Databases = Enumerable.Range(0, databasesPerInstance).Select(databaseNumber => new FleetDatabase
            {
                Name = $"db{databaseNumber + 1:D3}",
                RecoveryMode = Pick(random, RecoveryModes),
                CompatibilityLevel = compatibilityLevel,
                SizeMB = random.Next(100, 50_000),
            }).ToList(),
        };
    }

    private static string PickEdition(Random random) => random.Next(100) switch
    {
        < 20 => "Enterprise",
        < 65 => "Standard",
        < 80 => "Developer",
        < 90 => "Express",
        < 95 => "Web",
        _ => "Evaluation",
    };

    private static List<FleetTimelineEvent> GenerateTimeline(List<FleetHost> hosts, DateTimeOffset start)
    {
        var events = new List<FleetTimelineEvent>();
        var withInstances = hosts.Where(host => host.Instances.Count > 0).ToList();
        if (withInstances.Count == 0)
        {
            return events;
        }

        var first = withInstances[0];
        var last = withInstances[^1];
        var lastInstance = last.Instances[0];

        events.Add(new FleetTimelineEvent
        {
            At = start.AddHours(1),
            Host = first.Name,
            Instance = first.Instances[0].Name,
            Action = new AddDatabaseAction(new FleetDatabase { Name = "added_by_timeline", CompatibilityLevel = 0 }),
        });
        events.Add(new FleetTimelineEvent
        {
            At = start.AddHours(2).AddMinutes(30),
            Host = last.Name,
            Instance = lastInstance.Name,
            Action = new ChangeInstanceAction(new InstanceChange { Edition = "Developer" }),
        });

        if (lastInstance.Databases.Count > 0)
        {
            events.Add(new FleetTimelineEvent
            {
                At = start.AddHours(3),
                Host = last.Name,
                Instance = lastInstance.Name,
                Database = lastInstance.Databases[0].Name,
                Action = new ChangeDatabaseAction(new DatabaseChange { State = "Offline" }),
            });
        }

        return events;
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
