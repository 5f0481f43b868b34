namespace ArcActors.Contracts.Inventory;

/// <summary>The OS environment (a VM or a physical server) a host agent runs on.</summary>
public sealed record MachineSnapshot
{
    public required Guid VmId { get; init; }
    public required string HostName { get; init; }
    public string Os { get; init; } = "Windows";
    public string Manufacturer { get; init; } = "";
    public string Model { get; init; } = "";
    public int LogicalProcessors { get; init; }
    public int PhysicalCores { get; init; }
    public ExtensionSettings Extension { get; init; } = new();

    /// <summary>Health of the host extension as the host saw it in the cycle that sent this snapshot.</summary>
    public ExtensionHealth Health { get; init; } = ExtensionHealth.Healthy;

    /// <summary>True when the manufacturer or model names a hypervisor; VMs bill virtual cores, servers physical cores.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsVirtualMachine => HypervisorDetection.IsVirtualMachine(Manufacturer, Model);

    /// <summary>ARM hostType: "Virtual Machine" or "Physical Server".</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string HostType => IsVirtualMachine ? "Virtual Machine" : "Physical Server";
}

/// <summary>Extension settings of a host, with the defaults a new installation has.</summary>
public sealed record ExtensionSettings
{
    /// <summary>PAYG, Paid or LicenseOnly.</summary>
    public string LicenseType { get; init; } = "Paid";
    public bool ConsentToRecurringPayg { get; init; }
    public bool UsePhysicalCoreLicense { get; init; }
    public bool EnableExtendedSecurityUpdates { get; init; }
    public IReadOnlyList<string> ExcludedInstances { get; init; } = [];
    public IReadOnlyDictionary<string, bool> FeatureFlags { get; init; } = new Dictionary<string, bool>();
}

/// <summary>
/// Health of the host extension. It is unhealthy when the cloud side rejected this cycle's inventory,
/// for example with SubscriptionNotRegistered; <see cref="Code"/> and <see cref="Message"/> then say why.
/// </summary>
public sealed record ExtensionHealth(string Status, string Code, string Message)
{
    public static readonly ExtensionHealth Healthy = new("Healthy", "", "");

    public static ExtensionHealth Unhealthy(string code, string message) => new("Unhealthy", code, message);
}
