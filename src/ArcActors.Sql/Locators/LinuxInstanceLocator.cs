using System.Net;
using ArcActors.Contracts;

namespace ArcActors.Sql.Locators;

/// <summary>
/// Finds SQL Server on Linux from the <c>mssql-server</c> systemd unit and <c>/var/opt/mssql/mssql.conf</c>.
/// SQL Server on Linux has only the default instance MSSQLSERVER.
/// </summary>
/// <remarks>
/// A stopped unit is still reported, with <see cref="ServiceState.Stopped"/>: the instance is
/// installed, and leaving it out would look like an uninstall upstream. A stopped instance
/// produces no usage, so billing needs its state rather than its absence.
/// </remarks>
public sealed class LinuxInstanceLocator : IInstanceLocator
{
    public const string UnitName = "mssql-server";
    public const string DefaultConfigPath = "/var/opt/mssql/mssql.conf";

    /// <summary>Port SQL Server listens on when mssql.conf has no <c>[network] tcpport</c>.</summary>
    public const int DefaultPort = 1433;

    private readonly ISystemdUnitReader _units;
    private readonly LocatorOptions _options;
    private readonly string _configPath;

    /// <exception cref="ArgumentException">The host name in <paramref name="options"/> is invalid.</exception>
    public LinuxInstanceLocator(ISystemdUnitReader units, LocatorOptions options, string configPath = DefaultConfigPath)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(options);
        LocatedInstanceBuilder.CheckedHostName(options.HostName);

        _units = units;
        _options = options;
        _configPath = configPath;
    }

    /// <summary>
    /// Returns no instance when the unit is not installed, or when systemctl is not available and
    /// mssql.conf does not exist. Otherwise returns MSSQLSERVER with the unit's state.
    /// </summary>
    /// <exception cref="ConfigFileFormatException">mssql.conf is malformed.</exception>
    public async Task<IReadOnlyList<LocatedInstance>> LocateAsync(CancellationToken cancellationToken)
    {
        var unit = SystemdUnitState.Parse(await _units.ShowAsync(UnitName, cancellationToken).ConfigureAwait(false));
        if (unit.IsNotFound || (unit.IsUnread && !File.Exists(_configPath)))
        {
            return [];
        }

        var conf = MssqlConfParser.Load(_configPath);
        return [Locate(unit, conf)];
    }

    private LocatedInstance Locate(SystemdUnitState unit, MssqlConf conf)
    {
        var port = conf.TcpPort ?? DefaultPort;
        var listenAddress = SpecificAddress(conf.IpAddress);

        // With [network] ipaddress set, SQL Server accepts connections on that address only, so the
        // host name may resolve to an address it does not listen on.
        var target = listenAddress.Length > 0 ? listenAddress : _options.HostName;
        var dataSource = LocatedInstanceBuilder.DataSourceFor(target, NameRules.DefaultInstanceName, port);

        return new LocatedInstance
        {
            InstanceName = NameRules.DefaultInstanceName,
            HostName = _options.HostName,
            Port = port,
            DataSource = dataSource,
            ConnectionString = LocatedInstanceBuilder.ConnectionStringFor(_options.ConnectionTemplate, dataSource),
            State = unit.ServiceState,
            StaticPorts = [port],
            BackupDirectory = conf.DefaultBackupDirectory,
            ListenAddress = listenAddress,
            Warning = WarningFor(unit),
        };
    }

    /// <summary>Returns the address when it names one interface, or an empty string for none or a wildcard.</summary>
    private static string SpecificAddress(string ipAddress)
    {
        if (!IPAddress.TryParse(ipAddress, out var address))
        {
            // NOTE: a value that is not an IP address is kept out of the data source; the host name is used instead.
            return "";
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return "";
        }

        // NOTE: an IPv6 address goes into the data source as written; no test connects through one.
        return address.ToString();
    }

    private static string WarningFor(SystemdUnitState unit) => unit.ServiceState switch
    {
        ServiceState.Stopped => $"the {UnitName} unit is {unit.ActiveState} ({unit.SubState}); start it with 'systemctl start {UnitName}' to probe the instance.",
        ServiceState.Unknown => $"the state of the {UnitName} unit could not be read; check that systemctl works for the agent's user.",
        _ => "",
    };
}
