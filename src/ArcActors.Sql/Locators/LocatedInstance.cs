using ArcActors.Contracts.Discovery;

namespace ArcActors.Sql.Locators;

/// <summary>
/// An instance a locator found, with what the probe needs to reach it. <see cref="Port"/> is never 0:
/// null means the instance has no known TCP port. Then a named instance's <see cref="DataSource"/> is
/// <c>host\INSTANCE</c>, and SqlClient queries SQL Server Browser for the port.
/// </summary>
public sealed record LocatedInstance
{
    /// <summary>Instance name; MSSQLSERVER for the default instance, empty when a configured data source does not name it (then <see cref="UnsupportedReason"/> gives the fix).</summary>
    public required string InstanceName { get; init; }

    /// <summary>Host the instance runs on, as the locator was configured or the data source names it.</summary>
    public required string HostName { get; init; }

    /// <summary>TCP port the data source uses, or null when there is none (1 to 65535 otherwise).</summary>
    public int? Port { get; init; }

    /// <summary>SqlClient data source, such as <c>sql-prod-01,1533</c> or <c>sql-prod-01\SALES</c>.</summary>
    public required string DataSource { get; init; }

    /// <summary>Connection string with <see cref="DataSource"/>. It may contain a password, so do not log it.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>True when SqlClient must ask SQL Server Browser (UDP 1434) for the port of a named instance.</summary>
    public bool RequiresSqlBrowser { get; init; }

    public bool IsLocalDb { get; init; }

    /// <summary>Why the instance cannot be managed (for example a name containing '#'); empty when it can.</summary>
    public string UnsupportedReason { get; init; } = "";

    public ServiceState State { get; init; } = ServiceState.Unknown;

    /// <summary>Static TCP ports from the configuration, in the configured order.</summary>
    public IReadOnlyList<int> StaticPorts { get; init; } = [];

    /// <summary>Dynamic TCP ports the instance took at its last start (Windows only).</summary>
    public IReadOnlyList<int> DynamicPorts { get; init; } = [];

    /// <summary>Default backup directory from the configuration; empty when it is not set there.</summary>
    public string BackupDirectory { get; init; } = "";

    /// <summary>The one IP address the instance listens on (mssql.conf <c>[network] ipaddress</c>); empty for all addresses.</summary>
    public string ListenAddress { get; init; } = "";

    /// <summary>A problem that may stop the probe from connecting, in words for the operator; empty when none is known.</summary>
    public string Warning { get; init; } = "";

    /// <summary>Returns the contract type the host agent passes to the discovery source.</summary>
    public InstanceLocation ToInstanceLocation() => new()
    {
        InstanceName = InstanceName,
        IsLocalDb = IsLocalDb,
        ConnectionString = ConnectionString,
        UnsupportedReason = UnsupportedReason,
        Port = Port,
        IsServiceStopped = State == ServiceState.Stopped,
    };
}
