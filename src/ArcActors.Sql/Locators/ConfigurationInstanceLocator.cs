using ArcActors.Contracts;
using ArcActors.Sql.Discovery;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Locators;

/// <summary>
/// Locates the instances given as explicit connection strings. The instance name comes from
/// <see cref="ConfiguredInstance.Name"/> when set, else from the data source: <c>host\INSTANCE</c> names it,
/// <c>host</c> and <c>host,1433</c> read as the default instance MSSQLSERVER, and <c>(localdb)\NAME</c> is LocalDB.
/// </summary>
/// <remarks>
/// A data source <c>host,port</c> with another port names no instance: a named instance on a static port
/// is reached that way as often as a default instance on a moved port. Guessing MSSQLSERVER there would
/// report the wrong name and hide the real default instance, so such an instance gets an empty
/// <see cref="LocatedInstance.InstanceName"/> and an <see cref="LocatedInstance.UnsupportedReason"/> asking for
/// ConfiguredInstance.Name. It is not probed until the name is set, because the host agent keys
/// instances by name before any probe has read SERVERPROPERTY('InstanceName').
/// </remarks>
public sealed class ConfigurationInstanceLocator : IInstanceLocator
{
    /// <summary>The TCP port of a default instance unless its configuration moves it.</summary>
    private const int DefaultInstancePort = 1433;

    private readonly IReadOnlyList<LocatedInstance> _located;

    /// <exception cref="ArgumentException">A connection string is invalid or has no data source; the message gives its position, not its text.</exception>
    public ConfigurationInstanceLocator(IEnumerable<string> connectionStrings)
        : this(connectionStrings.Select(connectionString => new ConfiguredInstance("", connectionString)))
    {
    }

    /// <param name="instances">Instances whose non-empty <see cref="ConfiguredInstance.Name"/> replaces the name read from the data source.</param>
    /// <exception cref="ArgumentException">A connection string is invalid or has no data source; the message gives its position, not its text.</exception>
    public ConfigurationInstanceLocator(IEnumerable<ConfiguredInstance> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        _located = instances.Select((instance, index) => Locate(instance, index + 1)).ToList();
    }

    public Task<IReadOnlyList<LocatedInstance>> LocateAsync(CancellationToken cancellationToken) => Task.FromResult(_located);

    private static LocatedInstance Locate(ConfiguredInstance instance, int position)
    {
        var builder = Parse(instance.ConnectionString, position);
        var source = DataSourceParts.Parse(builder.DataSource);
        var instanceName = instance.Name.Length > 0 ? instance.Name : source.InstanceName;
        var unsupportedReason = instanceName.Length > 0
            ? LocatedInstanceBuilder.UnsupportedReasonFor(instanceName)
            : UnknownNameReason(position, builder.DataSource, source.Port);

        return new LocatedInstance
        {
            InstanceName = instanceName,
            HostName = source.HostName,
            Port = source.Port,
            DataSource = builder.DataSource,
            ConnectionString = instance.ConnectionString,
            RequiresSqlBrowser = source.Port is null && !source.IsLocalDb && !LocatedInstanceBuilder.IsDefaultInstance(instanceName),
            IsLocalDb = source.IsLocalDb,
            UnsupportedReason = unsupportedReason,
            StaticPorts = source.Port is { } port ? [port] : [],
        };
    }

    private static string UnknownNameReason(int position, string dataSource, int? port) =>
        $"configured connection string {position} (data source '{dataSource}') names no instance, and port {port} is not the default "
        + $"instance's port {DefaultInstancePort}; set ConfiguredInstance.Name to the name SERVERPROPERTY('InstanceName') returns "
        + $"({NameRules.DefaultInstanceName} when it returns NULL), or write the data source as host\\INSTANCE,port.";

    private static SqlConnectionStringBuilder Parse(string connectionString, int position)
    {
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The parser's message may quote the text, which can contain a password, so only the position is given.
            throw new ArgumentException(
                $"configured connection string {position} is not a valid SqlClient connection string; check its keywords and quoting.",
                nameof(connectionString));
        }

        return builder.DataSource.Trim().Length > 0
            ? builder
            : throw new ArgumentException(
                $"configured connection string {position} has no Data Source; add Data Source=host, host\\INSTANCE or host,port.",
                nameof(connectionString));
    }

    /// <summary>The host, instance and port a SqlClient data source names; the instance name is empty when the data source does not tell it.</summary>
    private sealed record DataSourceParts(string HostName, string InstanceName, int? Port, bool IsLocalDb)
    {
        private static readonly string[] _protocolPrefixes = ["tcp:", "np:", "lpc:", "admin:"];

        public static DataSourceParts Parse(string dataSource)
        {
            var text = WithoutProtocol(dataSource.Trim());
            if (text.StartsWith(@"\\", StringComparison.Ordinal))
            {
                return FromPipe(text);
            }

            var (server, port) = SplitPort(text);
            var slash = server.IndexOf('\\');
            var host = slash < 0 ? server : server[..slash];
            var instanceName = slash >= 0 ? server[(slash + 1)..]
                : port is null or DefaultInstancePort ? NameRules.DefaultInstanceName
                : "";
            var isLocalDb = string.Equals(host, "(localdb)", StringComparison.OrdinalIgnoreCase);

            return new DataSourceParts(host, instanceName, port, isLocalDb);
        }

        private static string WithoutProtocol(string text)
        {
            var prefix = _protocolPrefixes.FirstOrDefault(p => text.StartsWith(p, StringComparison.OrdinalIgnoreCase));
            return prefix is null ? text : text[prefix.Length..];
        }

        /// <summary>Splits "server,port"; a port of 0 or one that does not parse reads as none.</summary>
        private static (string Server, int? Port) SplitPort(string text)
        {
            var comma = text.LastIndexOf(',');
            if (comma < 0)
            {
                return (text.Trim(), null);
            }

            var portText = text[(comma + 1)..].Trim();
            int? port = int.TryParse(portText, out var number) && number is >= 1 and <= 65535 ? number : null;
            return (text[..comma].Trim(), port);
        }

        /// <summary>Reads <c>\\host\pipe\MSSQL$NAME\sql\query</c> (named instance) or <c>\\host\pipe\sql\query</c> (default).</summary>
        private static DataSourceParts FromPipe(string pipe)
        {
            var segments = pipe.TrimStart('\\').Split('\\');
            var host = segments[0];
            var instanceSegment = segments.FirstOrDefault(s => s.StartsWith("MSSQL$", StringComparison.OrdinalIgnoreCase));
            var instanceName = instanceSegment is null ? NameRules.DefaultInstanceName : instanceSegment["MSSQL$".Length..];

            return new DataSourceParts(host, instanceName, null, false);
        }
    }
}
