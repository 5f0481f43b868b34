using ArcActors.Contracts.Inventory;

namespace ArcActors.Contracts.Discovery;

/// <summary>
/// Where a host agent learns about its machine and SQL Server instances: the simulated fleet, or
/// SQL Server itself through Microsoft.Data.SqlClient. Implementations may throw for one instance
/// or database; the host agent isolates and retries the failure.
/// </summary>
public interface IDiscoverySource
{
    /// <summary>Reads the machine facts and extension settings of the host.</summary>
    Task<MachineSnapshot> DescribeMachineAsync(CancellationToken cancellationToken);

    /// <summary>Lists the instances installed on the host, LocalDB and unsupported ones included.</summary>
    Task<IReadOnlyList<InstanceLocation>> LocateInstancesAsync(CancellationToken cancellationToken);

    /// <summary>Reads one instance and its catalog of databases and availability groups.</summary>
    Task<InstanceSnapshot> ProbeInstanceAsync(InstanceLocation instance, CancellationToken cancellationToken);

    /// <summary>Reads the details of one database (sizes, options, backups).</summary>
    Task<DatabaseSnapshot> ProbeDatabaseAsync(InstanceLocation instance, DatabaseEntry database, CancellationToken cancellationToken);
}

/// <summary>An instance found on a host, before it is probed.</summary>
public sealed record InstanceLocation
{
    public required string InstanceName { get; init; }
    public bool IsLocalDb { get; init; }

    /// <summary>Connection string for SqlClient sources; empty for simulated instances.</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>Why the instance cannot be managed (for example a name containing '#'); empty when it can.</summary>
    public string UnsupportedReason { get; init; } = "";

    /// <summary>The TCP port the instance listens on, or null when it is reached by name through SQL Browser; never 0.</summary>
    public int? Port { get; init; }

    /// <summary>True when the host reports the instance's service as stopped; a stopped instance produces no usage.</summary>
    public bool IsServiceStopped { get; init; }
}
