namespace ArcActors.Simulation.Fleets.Parsing;

/// <summary>The keys each table of a fleet file accepts.</summary>
internal static class FleetKeys
{
    public static readonly string[] Top = ["subscriptionId", "resourceGroup", "location", "start", "providers", "licenses", "hosts", "timeline"];

    public static readonly string[] Host =
        ["name", "vmId", "os", "manufacturer", "model", "logicalProcessors", "physicalCores", "extension", "instances"];

    public static readonly string[] Extension =
        ["licenseType", "consentToRecurringPayg", "usePhysicalCoreLicense", "esu", "excludedInstances", "featureFlags"];

    public static readonly string[] Instance =
    [
        "name", "edition", "version", "collation", "tcpStaticPorts", "tcpDynamicPorts", "state", "localDb", "failoverCluster",
        "userConnections", "maxServerMemoryMB", "tempdbDataFiles", "databases", "availabilityGroups",
    ];

    public static readonly string[] Database =
    [
        "name", "state", "recoveryMode", "compatibilityLevel", "sizeMB", "isReadOnly", "options", "lastFullBackup", "lastLogBackup",
        "lastGoodCheckDb",
    ];

    public static readonly string[] DatabaseOptions = ["autoClose", "autoShrink", "autoCreateStats", "autoUpdateStats", "trustworthy", "encrypted", "pageVerify"];
    public static readonly string[] AvailabilityGroup = ["name", "id", "role", "readable", "databases", "replicas"];
    public static readonly string[] FailoverCluster = ["networkName", "nodes", "activeNode"];
    public static readonly string[] License = ["name", "billingPlan", "physicalCores", "scopeType", "activationState"];

    public static readonly string[] HostChange = Except(Host, "name", "vmId", "instances");
    public static readonly string[] InstanceChange = Except(Instance, "name", "databases");
    public static readonly string[] DatabaseChange = Except(Database, "name");

    public static readonly string[] Selectors = ["host", "instance", "database"];

    public static readonly string[] Actions =
        ["change", "addDatabase", "removeDatabase", "addInstance", "removeInstance", "failover", "disconnect", "rename", "license", "provider"];

    private static string[] Except(string[] keys, params string[] removed) => keys.Where(key => !removed.Contains(key)).ToArray();
}
