using System.Globalization;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Simulation.Fleets.Parsing;

/// <summary>Reads hosts, their extension settings and their instances.</summary>
internal static class HostReader
{
    /// <summary>
    /// Largest logicalProcessors or physicalCores of one OS environment. NOTE: a fleet file limit
    /// above the largest machines sold today, not a documented Windows or Linux limit.
    /// </summary>
    public const int MaximumCores = 4096;

    public static FleetHost ReadHost(ParseContext context, YamlTreeNode node)
    {
        var reader = YamlMapReader.Open(context, node, "host", FleetKeys.Host);
        var name = reader.Require(NameReader.HostName(reader, "name"), "name", "name: sql-prod-01");
        var logicalProcessors = reader.Require(LogicalProcessors(reader), "logicalProcessors", "logicalProcessors: 8");
        var physicalCores = PhysicalCores(reader) ?? logicalProcessors;
        CheckCores(reader, logicalProcessors, physicalCores);

        return new FleetHost
        {
            Name = name,
            VmId = reader.Guid("vmId") ?? NameBasedGuid.ForHostName(name),
            Os = reader.Enum("os", FleetValues.OperatingSystems) ?? FleetValues.Windows,
            Manufacturer = reader.String("manufacturer") ?? "Microsoft Corporation",
            Model = reader.String("model") ?? "Virtual Machine",
            LogicalProcessors = logicalProcessors,
            PhysicalCores = physicalCores,
            Extension = ReadExtension(reader),
            Instances = ReadInstances(reader, name),
        };
    }

    public static int? LogicalProcessors(YamlMapReader reader) =>
        reader.Int("logicalProcessors", 1, $"give the number of logical processors the OS reports, at most {MaximumCores} logical processors per OS environment",
            MaximumCores);

    public static int? PhysicalCores(YamlMapReader reader) =>
        reader.Int("physicalCores", 1, $"give the number of physical cores without hyperthreads, at most {MaximumCores} logical processors per OS environment",
            MaximumCores);

    /// <summary>Rejects more physical cores than logical processors, at the physicalCores line.</summary>
    public static void CheckCores(YamlMapReader reader, int logicalProcessors, int physicalCores)
    {
        if (physicalCores > logicalProcessors)
        {
            throw reader.Error("physicalCores", physicalCores.ToString(CultureInfo.InvariantCulture), CoresProblem(logicalProcessors, physicalCores),
                CoresFix(logicalProcessors));
        }
    }

    public static string CoresProblem(int logicalProcessors, int physicalCores) =>
        $"physicalCores {physicalCores} is more than logicalProcessors {logicalProcessors}";

    public static string CoresFix(int logicalProcessors) =>
        $"a core has at least one logical processor, so give at most {logicalProcessors} physicalCores";

    public static FleetInstance ReadInstance(ParseContext context, YamlTreeNode node)
    {
        var reader = YamlMapReader.Open(context, node, "instance", FleetKeys.Instance);
        var name = reader.Require(InstanceName(reader, "name"), "name", "name: MSSQLSERVER");
        var version = reader.Require(Version(reader), "version", "version: 16.0.4135.4");
        var collation = reader.Name("collation") ?? "SQL_Latin1_General_CP1_CI_AS";
        var databases = ReadDatabases(reader, version, collation);

        return new FleetInstance
        {
            Name = name,
            Edition = reader.Require(reader.Enum("edition", FleetValues.Editions), "edition", "edition: Standard"),
            Version = version,
            Collation = collation,
            TcpStaticPorts = Ports(reader, "tcpStaticPorts") ?? "",
            TcpDynamicPorts = Ports(reader, "tcpDynamicPorts") ?? "",
            State = reader.Enum("state", FleetValues.InstanceStates) ?? FleetValues.Running,
            LocalDb = reader.Bool("localDb") ?? false,
            FailoverCluster = ReadFailoverCluster(reader),
            UserConnections = UserConnections(reader) ?? 0,
            MaxServerMemoryMB = MaxServerMemory(reader) ?? 2147483647,
            TempdbDataFiles = TempdbDataFiles(reader) ?? 1,
            Databases = databases,
            AvailabilityGroups = ReadAvailabilityGroups(reader, databases, collation) ?? [],
        };
    }

    /// <summary>Reads an instance name and rejects '#', which SQL Server enabled by Azure Arc does not support.</summary>
    public static string? InstanceName(YamlMapReader reader, string key)
    {
        var text = reader.Name(key);
        if (text is not null && text.Contains('#'))
        {
            throw reader.Error(key, text, $"instance name '{text}' contains '#', which SQL Server enabled by Azure Arc does not support",
                "rename the instance without '#'");
        }

        return NameReader.SqlName(reader, key, "instance");
    }

    public static string? Version(YamlMapReader reader)
    {
        var text = reader.Name("version");
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('.');
        var wellFormed = parts.Length is >= 2 and <= 4 && parts.All(part => part.Length > 0 && part.All(char.IsAsciiDigit));
        if (!wellFormed)
        {
            throw reader.Error("version", text, $"version '{text}' is not a SQL Server product version",
                "write it as SERVERPROPERTY('ProductVersion') returns it, for example 16.0.4135.4");
        }

        var major = SqlServerVersions.MajorOf(text);
        if (major is < 11 or > 17)
        {
            throw reader.Error("version", text, $"version '{text}' has major version {major}, which is outside SQL Server 2012 (11) to SQL Server 2025 (17)",
                "use SQL Server 2012 or later, because SQL Server 2008 R2 and older cannot be Arc-enabled");
        }

        return text;
    }

    /// <summary>Reads a comma-separated list of TCP ports, each 1–65535, as stored in the instance's network configuration.</summary>
    public static string? Ports(YamlMapReader reader, string key)
    {
        var text = reader.String(key);
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var part in text.Split(','))
        {
            var valid = int.TryParse(part.Trim(), out var port) && port is >= 1 and <= 65535;
            if (!valid)
            {
                throw reader.Error(key, text, $"'{key}' '{text}' is not a list of TCP ports from 1 to 65535",
                    "give the ports the instance listens on, such as \"1433\", because port 0 only tells SQL Server to pick a dynamic port");
            }
        }

        return text;
    }

    public static int? UserConnections(YamlMapReader reader) =>
        reader.Int("userConnections", 0, "give 0 or more");

    public static long? MaxServerMemory(YamlMapReader reader) =>
        reader.Long("maxServerMemoryMB", 1, "leave the key out for the engine default of 2147483647 MB");

    public static int? TempdbDataFiles(YamlMapReader reader) =>
        reader.Int("tempdbDataFiles", 1, "give 1 or more, since tempdb has at least one data file");

    public static FleetFailoverCluster? ReadFailoverCluster(YamlMapReader reader)
    {
        var cluster = reader.Map("failoverCluster", "failoverCluster", FleetKeys.FailoverCluster);
        if (cluster is null)
        {
            return null;
        }

        return new FleetFailoverCluster
        {
            NetworkName = cluster.Require(cluster.Name("networkName"), "networkName", "networkName: sqlfci01"),
            Nodes = cluster.StringList("nodes") ?? [],
            ActiveNode = cluster.String("activeNode") ?? "",
        };
    }

    public static FleetExtension ReadExtension(YamlMapReader hostReader)
    {
        var reader = hostReader.Map("extension", "extension", FleetKeys.Extension);
        if (reader is null)
        {
            return new FleetExtension();
        }

        return ExtensionChange(reader).ApplyTo(new FleetExtension());
    }

    public static ExtensionChange ExtensionChange(YamlMapReader reader) => new()
    {
        LicenseType = reader.Enum("licenseType", FleetValues.LicenseTypes),
        ConsentToRecurringPayg = reader.Bool("consentToRecurringPayg"),
        UsePhysicalCoreLicense = reader.Bool("usePhysicalCoreLicense"),
        Esu = reader.Bool("esu"),
        ExcludedInstances = reader.StringList("excludedInstances"),
        FeatureFlags = ReadFeatureFlags(reader),
    };

    private static Dictionary<string, bool>? ReadFeatureFlags(YamlMapReader extension)
    {
        var reader = extension.Map("featureFlags", "featureFlags", FleetFeatureFlags.All);
        if (reader is null)
        {
            return null;
        }

        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var name in reader.Keys)
        {
            flags[name] = reader.Require(reader.Bool(name), name, $"{name}: true");
        }

        return flags;
    }

    private static IReadOnlyList<FleetInstance> ReadInstances(YamlMapReader hostReader, string hostName)
    {
        var instances = new List<FleetInstance>();
        var names = new HashSet<string>(FleetValues.InstanceNameComparer);
        foreach (var node in hostReader.List("instances") ?? [])
        {
            var instance = ReadInstance(hostReader.Context, node);
            if (!names.Add(instance.Name))
            {
                throw hostReader.Context.Error(node, instance.Name, $"host '{hostName}' has two instances named '{instance.Name}' (instance names ignore case)",
                    "give each instance on a host its own name");
            }

            instances.Add(instance);
        }

        return instances;
    }

    private static IReadOnlyList<FleetDatabase> ReadDatabases(YamlMapReader instanceReader, string version, string collation)
    {
        var databases = new List<FleetDatabase>();
        var names = new HashSet<string>(FleetValues.DatabaseNameComparer(collation));
        foreach (var node in instanceReader.List("databases") ?? [])
        {
            var database = DatabaseReader.ReadDatabase(instanceReader.Context, node, version);
            if (!names.Add(database.Name))
            {
                throw instanceReader.Context.Error(node, database.Name, $"the instance has two databases named '{database.Name}' under collation {collation}, which ignores trailing spaces",
                    "give each database of an instance its own name");
            }

            databases.Add(database);
        }

        return databases;
    }

    public static IReadOnlyList<FleetAvailabilityGroup>? ReadAvailabilityGroups(
        YamlMapReader instanceReader, IReadOnlyList<FleetDatabase>? databases, string? collation)
    {
        var nodes = instanceReader.List("availabilityGroups");
        if (nodes is null)
        {
            return null;
        }

        var groups = new List<FleetAvailabilityGroup>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var databaseNames = databases is null ? null : new HashSet<string>(databases.Select(database => database.Name), FleetValues.DatabaseNameComparer(collation ?? ""));
        foreach (var node in nodes)
        {
            var group = DatabaseReader.ReadAvailabilityGroup(instanceReader.Context, node, databaseNames);
            if (!names.Add(group.Name))
            {
                throw instanceReader.Context.Error(node, group.Name, $"the instance has two availability groups named '{group.Name}'",
                    "give each availability group its own name");
            }

            groups.Add(group);
        }

        return groups;
    }
}
