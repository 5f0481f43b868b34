namespace ArcActors.Sql.Locators;

/// <summary>
/// Finds SQL Server instances on Windows from the registry keys SQL Server Setup writes under
/// <c>HKLM\SOFTWARE\Microsoft\Microsoft SQL Server</c>, and LocalDB from its installed versions.
/// </summary>
/// <remarks>
/// Port choice follows Microsoft's page "TCP/IP Properties (IP Addresses Tab)" (MicrosoftDocs/sql-docs,
/// docs/tools/configuration-manager/tcp-ip-properties-ip-addresses-tab.md). A static port is set by
/// leaving TCP Dynamic Ports blank and filling TCP Port, which may list several ports
/// ("1433,1500,1501"). TCP Dynamic Ports is "0" to ask for a dynamic port and, under IPAll, shows the
/// dynamic port in use. The page does not say which port wins when both are set. The locator takes the
/// first static port, because a dynamic port can change at every start of the instance.
/// </remarks>
public sealed class WindowsInstanceLocator : IInstanceLocator
{
    public const string SqlServerKey = @"SOFTWARE\Microsoft\Microsoft SQL Server";
    public const string InstanceNamesKey = SqlServerKey + @"\Instance Names\SQL";
    public const string LocalDbVersionsKey = @"SOFTWARE\Microsoft\Microsoft SQL Server Local DB\Installed Versions";

    /// <summary>Name of the LocalDB instance that SqlLocalDB creates for each user.</summary>
    public const string LocalDbAutomaticInstance = "MSSQLLocalDB";

    private readonly IRegistryReader _registry;
    private readonly LocatorOptions _options;
    private readonly Func<CancellationToken, Task<ServiceState>>? _readSqlBrowserState;

    /// <param name="readSqlBrowserState">
    /// Reads the state of the SQLBrowser service; it is only called for a named instance without a
    /// TCP port. Null leaves the state unknown.
    /// </param>
    /// <exception cref="ArgumentException">The host name in <paramref name="options"/> is invalid.</exception>
    public WindowsInstanceLocator(
        IRegistryReader registry,
        LocatorOptions options,
        Func<CancellationToken, Task<ServiceState>>? readSqlBrowserState = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        LocatedInstanceBuilder.CheckedHostName(options.HostName);

        _registry = registry;
        _options = options;
        _readSqlBrowserState = readSqlBrowserState;
    }

    /// <summary>Creates a locator that reads the 64-bit registry view of this machine.</summary>
    /// <exception cref="PlatformNotSupportedException">The process does not run on Windows.</exception>
    public static WindowsInstanceLocator ForThisMachine(LocatorOptions options)
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("WindowsInstanceLocator.ForThisMachine reads the Windows registry; use LinuxInstanceLocator on Linux.");
        }

        // NOTE: 32-bit instances on 64-bit Windows are registered in the Registry32 view, which this does not read.
        return new WindowsInstanceLocator(new WindowsRegistryReader(), options);
    }

    public async Task<IReadOnlyList<LocatedInstance>> LocateAsync(CancellationToken cancellationToken)
    {
        var located = new List<LocatedInstance>();
        foreach (var instanceName in _registry.ValueNames(InstanceNamesKey).Order(StringComparer.OrdinalIgnoreCase))
        {
            var instanceId = _registry.ReadString(InstanceNamesKey, instanceName) ?? "";
            located.Add(await LocateAsync(instanceName, instanceId, cancellationToken).ConfigureAwait(false));
        }

        if (_registry.SubKeyNames(LocalDbVersionsKey).Count > 0)
        {
            located.Add(LocalDb());
        }

        return located;
    }

    private async Task<LocatedInstance> LocateAsync(string instanceName, string instanceId, CancellationToken cancellationToken)
    {
        var tcpKey = $@"{SqlServerKey}\{instanceId}\MSSQLServer\SuperSocketNetLib\Tcp\IPAll";
        var invalid = new List<string>();
        var staticPorts = TcpPortList.Parse(_registry.ReadString(tcpKey, "TcpPort"), invalid);
        var dynamicPorts = TcpPortList.Parse(_registry.ReadString(tcpKey, "TcpDynamicPorts"), invalid);

        var port = ChoosePort(staticPorts, dynamicPorts);
        var isNamed = !LocatedInstanceBuilder.IsDefaultInstance(instanceName);
        var requiresBrowser = port is null && isNamed;
        var dataSource = LocatedInstanceBuilder.DataSourceFor(_options.HostName, instanceName, port);

        var warnings = new List<string>();
        if (invalid.Count > 0)
        {
            warnings.Add($"{tcpKey} contains '{string.Join("', '", invalid)}', which is not a TCP port; set TcpPort or TcpDynamicPorts to ports from 1 to 65535.");
        }

        if (requiresBrowser)
        {
            warnings.Add(await BrowserWarningAsync(instanceName, cancellationToken).ConfigureAwait(false));
        }

        return new LocatedInstance
        {
            InstanceName = instanceName,
            HostName = _options.HostName,
            Port = port,
            DataSource = dataSource,
            ConnectionString = LocatedInstanceBuilder.ConnectionStringFor(_options.ConnectionTemplate, dataSource),
            RequiresSqlBrowser = requiresBrowser,
            UnsupportedReason = LocatedInstanceBuilder.UnsupportedReasonFor(instanceName),
            StaticPorts = staticPorts,
            DynamicPorts = dynamicPorts,
            BackupDirectory = _registry.ReadString($@"{SqlServerKey}\{instanceId}\MSSQLServer", "BackupDirectory") ?? "",
            Warning = string.Join(" ", warnings.Where(warning => warning.Length > 0)),
        };
    }

    /// <summary>Returns the first static port, else the first dynamic port, else null.</summary>
    private static int? ChoosePort(IReadOnlyList<int> staticPorts, IReadOnlyList<int> dynamicPorts)
    {
        if (staticPorts.Count > 0)
        {
            return staticPorts[0];
        }

        if (dynamicPorts.Count > 0)
        {
            return dynamicPorts[0];
        }

        return null;
    }

    /// <summary>
    /// Returns why a named instance without a port may be unreachable. Microsoft's SQL Server Browser
    /// documentation (MicrosoftDocs/sql-docs) states that without Browser a client still connects when
    /// it gives the port, but not to a named instance by name alone.
    /// </summary>
    private async Task<string> BrowserWarningAsync(string instanceName, CancellationToken cancellationToken)
    {
        var state = _readSqlBrowserState is null
            ? ServiceState.Unknown
            : await _readSqlBrowserState(cancellationToken).ConfigureAwait(false);

        return state switch
        {
            ServiceState.Running => "",
            ServiceState.Stopped => $"named instance {instanceName} has no TCP port in the registry and SQL Server Browser is stopped, so SqlClient cannot find its port; start the SQLBrowser service or set a static TcpPort under IPAll.",
            _ => $"named instance {instanceName} has no TCP port in the registry, so the probe finds its port through SQL Server Browser (UDP 1434), which must be running.",
        };
    }

    private LocatedInstance LocalDb()
    {
        var dataSource = $@"(localdb)\{LocalDbAutomaticInstance}";
        return new LocatedInstance
        {
            InstanceName = LocalDbAutomaticInstance,
            HostName = _options.HostName,
            DataSource = dataSource,
            ConnectionString = LocatedInstanceBuilder.ConnectionStringFor(_options.ConnectionTemplate, dataSource),
            IsLocalDb = true,
        };
    }
}
