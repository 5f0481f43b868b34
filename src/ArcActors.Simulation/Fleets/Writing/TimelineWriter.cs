using ArcActors.Simulation.Fleets.Parsing;
using YamlDotNet.RepresentationModel;

namespace ArcActors.Simulation.Fleets.Writing;

/// <summary>Writes timeline events, with only the keys each change sets.</summary>
internal static class TimelineWriter
{
    public static YamlNode WriteEvent(FleetTimelineEvent fleetEvent) => new YamlMapBuilder()
        .Word("at", FleetTime.FormatTimestamp(fleetEvent.At))
        .Text("host", Selector(fleetEvent.Host))
        .Text("instance", Selector(fleetEvent.Instance))
        .Text("database", Selector(fleetEvent.Database))
        .Child(fleetEvent.Action.Key, WriteAction(fleetEvent.Action))
        .Node;

    private static string? Selector(string value) => value.Length == 0 ? null : value;

    private static YamlNode WriteAction(FleetTimelineAction action) => action switch
    {
        ChangeHostAction change => WriteHostChange(change.Change),
        ChangeInstanceAction change => WriteInstanceChange(change.Change),
        ChangeDatabaseAction change => WriteDatabaseChange(change.Change),
        AddDatabaseAction add => FleetWriter.WriteDatabase(add.Database),
        RemoveDatabaseAction remove => new YamlMapBuilder().Text("name", remove.Name).Node,
        AddInstanceAction add => FleetWriter.WriteInstance(add.Instance),
        RemoveInstanceAction remove => new YamlMapBuilder().Text("name", remove.Name).Node,
        FailoverAction failover => new YamlMapBuilder().Text("availabilityGroup", failover.AvailabilityGroup).Text("to", failover.To).Node,
        DisconnectAction disconnect => new YamlMapBuilder().Word("for", FleetTime.FormatDuration(disconnect.For)).Node,
        RenameAction rename => new YamlMapBuilder().Text("to", rename.To).Node,
        LicenseAction license => WriteLicenseChange(license),
        ProviderAction provider => new YamlMapBuilder()
            .Word("name", provider.Name)
            .Word("state", provider.Registered ? FleetValues.Registered : FleetValues.NotRegistered)
            .Node,
        _ => throw new ArgumentException($"timeline action type {action.GetType().Name} cannot be written; use one of the action types of ArcActors.Simulation.Fleets", nameof(action)),
    };

    private static YamlNode WriteHostChange(HostChange change) => new YamlMapBuilder()
        .Word("os", change.Os)
        .Text("manufacturer", change.Manufacturer)
        .Text("model", change.Model)
        .Number("logicalProcessors", change.LogicalProcessors)
        .Number("physicalCores", change.PhysicalCores)
        .Child("extension", change.Extension is null ? null : WriteExtensionChange(change.Extension))
        .Node;

    private static YamlNode WriteExtensionChange(ExtensionChange change) => new YamlMapBuilder()
        .Word("licenseType", change.LicenseType)
        .Bool("consentToRecurringPayg", change.ConsentToRecurringPayg)
        .Bool("usePhysicalCoreLicense", change.UsePhysicalCoreLicense)
        .Bool("esu", change.Esu)
        .Names("excludedInstances", change.ExcludedInstances)
        .Child("featureFlags", change.FeatureFlags is null ? null : FleetWriter.WriteFlags(change.FeatureFlags))
        .Node;

    private static YamlNode WriteInstanceChange(InstanceChange change) => new YamlMapBuilder()
        .Word("edition", change.Edition)
        .Text("version", change.Version)
        .Text("collation", change.Collation)
        .Text("tcpStaticPorts", change.TcpStaticPorts)
        .Text("tcpDynamicPorts", change.TcpDynamicPorts)
        .Word("state", change.State)
        .Bool("localDb", change.LocalDb)
        .Child("failoverCluster", FleetWriter.WriteCluster(change.FailoverCluster))
        .Number("userConnections", change.UserConnections)
        .Number("maxServerMemoryMB", change.MaxServerMemoryMB)
        .Number("tempdbDataFiles", change.TempdbDataFiles)
        .List("availabilityGroups", change.AvailabilityGroups, FleetWriter.WriteAvailabilityGroup)
        .Node;

    private static YamlNode WriteDatabaseChange(DatabaseChange change) => new YamlMapBuilder()
        .Word("state", change.State)
        .Word("recoveryMode", change.RecoveryMode)
        .Number("compatibilityLevel", change.CompatibilityLevel)
        .Number("sizeMB", change.SizeMB)
        .Bool("isReadOnly", change.IsReadOnly)
        .Child("options", change.Options is null ? null : WriteOptionsChange(change.Options))
        .Time("lastFullBackup", change.LastFullBackup)
        .Time("lastLogBackup", change.LastLogBackup)
        .Time("lastGoodCheckDb", change.LastGoodCheckDb)
        .Node;

    private static YamlNode WriteOptionsChange(DatabaseOptionsChange change) => new YamlMapBuilder()
        .Bool("autoClose", change.AutoClose)
        .Bool("autoShrink", change.AutoShrink)
        .Bool("autoCreateStats", change.AutoCreateStats)
        .Bool("autoUpdateStats", change.AutoUpdateStats)
        .Bool("trustworthy", change.Trustworthy)
        .Bool("encrypted", change.Encrypted)
        .Word("pageVerify", change.PageVerify)
        .Node;

    private static YamlNode WriteLicenseChange(LicenseAction license) => new YamlMapBuilder()
        .Text("name", license.Name)
        .Word("billingPlan", license.Change.BillingPlan)
        .Number("physicalCores", license.Change.PhysicalCores)
        .Word("scopeType", license.Change.ScopeType)
        .Word("activationState", license.Change.ActivationState)
        .Node;
}
