using ArcActors.Contracts.Inventory;

namespace ArcActors.Sql.Discovery;

/// <summary>Settings of <see cref="SqlServerDiscoverySource"/>: the machine's facts and the instances to probe.</summary>
public sealed record SqlDiscoveryOptions
{
    public required Guid VmId { get; init; }
    public string HostName { get; init; } = Environment.MachineName;

    /// <summary>Windows or Linux; defaults to the OS this process runs on.</summary>
    public string Os { get; init; } = OperatingSystem.IsWindows() ? "Windows" : "Linux";

    /// <summary>SMBIOS manufacturer, such as "Microsoft Corporation".</summary>
    public string Manufacturer { get; init; } = "";

    /// <summary>SMBIOS model, such as "Virtual Machine".</summary>
    public string Model { get; init; } = "";

    /// <summary>Logical processors of the OS environment; null reads <see cref="Environment.ProcessorCount"/>.</summary>
    public int? LogicalProcessors { get; init; }

    /// <summary>Physical cores of the OS environment; null takes the logical processor count.</summary>
    public int? PhysicalCores { get; init; }

    public ExtensionSettings Extension { get; init; } = new();
    public IReadOnlyList<ConfiguredInstance> Instances { get; init; } = [];

    /// <summary>Time allowed to open a connection; it replaces any Connect Timeout in the connection string.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a transient error (connection failure, deadlock, timeout).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Wait before the first retry; each later retry waits twice as long as the one before.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);
}
