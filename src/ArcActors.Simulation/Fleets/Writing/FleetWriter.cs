using ArcActors.Simulation.Fleets.Writing;
using YamlDotNet.RepresentationModel;

namespace ArcActors.Simulation.Fleets;

/// <summary>Writes a <see cref="Fleet"/> as fleet file YAML that <see cref="FleetFile.Parse"/> reads back to the same fleet.</summary>
/// <remarks>Every key is written, defaults included, and timeline times are written as UTC timestamps.</remarks>
public static class FleetWriter
{
    public static string ToYaml(Fleet fleet)
    {
        var root = new YamlMapBuilder()
            .Word("subscriptionId", fleet.SubscriptionId.ToString())
            .Text("resourceGroup", fleet.ResourceGroup)
            .Text("location", fleet.Location)
            .Time("start", fleet.Start)
            .Child("providers", WriteProviders(fleet.Providers))
            .List("licenses", fleet.Licenses, WriteLicense)
            .List("hosts", fleet.Hosts, WriteHost)
            .List("timeline", fleet.Timeline, TimelineWriter.WriteEvent);

        var writer = new StringWriter();
        new YamlStream(new YamlDocument(root.Node)).Save(writer, assignAnchors: false);

        return writer.ToString();
    }

    private static YamlNode WriteProviders(IReadOnlyDictionary<string, bool> providers)
    {
        var builder = new YamlMapBuilder();
        foreach (var (name, registered) in providers)
        {
            builder.Word(name, registered ? FleetValues.Registered : FleetValues.NotRegistered);
        }

        return builder.Node;
    }

    internal static YamlNode WriteLicense(FleetLicense license) => new YamlMapBuilder()
        .Text("name", license.Name)
        .Word("billingPlan", license.BillingPlan)
        .Number("physicalCores", license.PhysicalCores)
        .Word("scopeType", license.ScopeType)
        .Word("activationState", license.ActivationState)
        .Node;

    private static YamlNode WriteHost(FleetHost host) => new YamlMapBuilder()
        .Text("name", host.Name)
        .Word("vmId", host.VmId.ToString())
        .Word("os", host.Os)
        .Text("manufacturer", host.Manufacturer)
        .Text("model", host.Model)
        .Number("logicalProcessors", host.LogicalProcessors)
        .Number("physicalCores", host.PhysicalCores)
        .Child("extension", WriteExtension(host.Extension))
        .List("instances", host.Instances, WriteInstance)
        .Node;

    internal static YamlNode WriteExtension(FleetExtension extension) => new YamlMapBuilder()
        .Word("licenseType", extension.LicenseType)
        .Bool("consentToRecurringPayg", extension.ConsentToRecurringPayg)
        .Bool("usePhysicalCoreLicense", extension.UsePhysicalCoreLicense)
        .Bool("esu", extension.Esu)
        .Names("excludedInstances", extension.ExcludedInstances)
        .Child("featureFlags", WriteFlags(extension.FeatureFlags))
        .Node;

    internal static YamlNode WriteFlags(IReadOnlyDictionary<string, bool> flags)
    {
        var builder = new YamlMapBuilder();
        foreach (var (name, enabled) in flags)
        {
            builder.Bool(name, enabled);
        }

        return builder.Node;
    }

    internal static YamlNode WriteInstance(FleetInstance instance) => new YamlMapBuilder()
        .Text("name", instance.Name)
        .Word("edition", instance.Edition)
        .Text("version", instance.Version)
        .Text("collation", instance.Collation)
        .Text("tcpStaticPorts", instance.TcpStaticPorts)
        .Text("tcpDynamicPorts", instance.TcpDynamicPorts)
        .Word("state", instance.State)
        .Bool("localDb", instance.LocalDb)
        .Child("failoverCluster", WriteCluster(instance.FailoverCluster))
        .Number("userConnections", instance.UserConnections)
        .Number("maxServerMemoryMB", instance.MaxServerMemoryMB)
        .Number("tempdbDataFiles", instance.TempdbDataFiles)
        .List("databases", instance.Databases, WriteDatabase)
        .List("availabilityGroups", instance.AvailabilityGroups, WriteAvailabilityGroup)
        .Node;

    internal static YamlNode? WriteCluster(FleetFailoverCluster? cluster) => cluster is null ? null : new YamlMapBuilder()
        .Text("networkName", cluster.NetworkName)
        .Names("nodes", cluster.Nodes)
        .Text("activeNode", cluster.ActiveNode)
        .Node;

    internal static YamlNode WriteDatabase(FleetDatabase database) => new YamlMapBuilder()
        .Text("name", database.Name)
        .Word("state", database.State)
        .Word("recoveryMode", database.RecoveryMode)
        .Number("compatibilityLevel", database.CompatibilityLevel == 0 ? null : database.CompatibilityLevel)
        .Number("sizeMB", database.SizeMB)
        .Bool("isReadOnly", database.IsReadOnly)
        .Child("options", WriteOptions(database.Options))
        .Time("lastFullBackup", database.LastFullBackup)
        .Time("lastLogBackup", database.LastLogBackup)
        .Time("lastGoodCheckDb", database.LastGoodCheckDb)
        .Node;

    private static YamlNode WriteOptions(FleetDatabaseOptions options) => new YamlMapBuilder()
        .Bool("autoClose", options.AutoClose)
        .Bool("autoShrink", options.AutoShrink)
        .Bool("autoCreateStats", options.AutoCreateStats)
        .Bool("autoUpdateStats", options.AutoUpdateStats)
        .Bool("trustworthy", options.Trustworthy)
        .Bool("encrypted", options.Encrypted)
        .Word("pageVerify", options.PageVerify)
        .Node;

    internal static YamlNode WriteAvailabilityGroup(FleetAvailabilityGroup group) => new YamlMapBuilder()
        .Text("name", group.Name)
        .Word("id", group.Id.ToString())
        .Word("role", group.Role)
        .Bool("readable", group.Readable)
        .Names("databases", group.Databases)
        .Names("replicas", group.Replicas)
        .Node;
}
