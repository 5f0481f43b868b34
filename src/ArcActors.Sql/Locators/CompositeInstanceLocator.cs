namespace ArcActors.Sql.Locators;

/// <summary>
/// Combines locators in order. When two locators report the same instance, the first one wins, so
/// configured connection strings (which carry the login) should come before the OS locator.
/// </summary>
/// <remarks>
/// Two reports are the same instance when they name the same host (compared case-insensitively) and
/// either the same TCP port or the same instance name. A default instance with no port counts as port
/// 1433, where SqlClient connects. The instance name alone is no key: MSSQLSERVER exists on every host
/// with a default instance, and a configured <c>host,port</c> may not name its instance at all.
/// The local aliases <c>.</c>, <c>(local)</c>, <c>localhost</c>, <c>127.0.0.1</c> and <c>::1</c> count as this
/// machine's name. NOTE: other spellings of one host (an FQDN beside the short name, another IP address)
/// still count as two hosts.
/// </remarks>
public sealed class CompositeInstanceLocator : IInstanceLocator
{
    private const int DefaultInstancePort = 1433;

    private static readonly HashSet<string> LocalAliases =
        new(StringComparer.OrdinalIgnoreCase) { ".", "(local)", "localhost", "127.0.0.1", "::1", "[::1]" };

    private readonly IReadOnlyList<IInstanceLocator> _locators;

    public CompositeInstanceLocator(params IReadOnlyList<IInstanceLocator> locators)
    {
        ArgumentNullException.ThrowIfNull(locators);
        _locators = locators;
    }

    public async Task<IReadOnlyList<LocatedInstance>> LocateAsync(CancellationToken cancellationToken)
    {
        var located = new List<LocatedInstance>();
        var indexByKey = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        foreach (var locator in _locators)
        {
            var instances = await locator.LocateAsync(cancellationToken).ConfigureAwait(false);
            foreach (var instance in instances)
            {
                var keys = EndpointKeys(instance);
                var earlier = keys.Select(key => indexByKey.GetValueOrDefault(key, -1)).FirstOrDefault(index => index >= 0, -1);
                if (earlier >= 0)
                {
                    located[earlier] = WithNameFrom(located[earlier], instance);
                    continue;
                }

                foreach (var key in keys)
                {
                    indexByKey[key] = located.Count;
                }

                located.Add(instance);
            }
        }

        return located;
    }

    private static string NormalizedHost(string hostName)
    {
        var host = hostName.Trim();
        return LocalAliases.Contains(host) ? Environment.MachineName : host;
    }

    // A configured host,port that names no instance takes the name an OS locator read for the same port,
    // which also clears the reason that kept it from being probed.
    private static LocatedInstance WithNameFrom(LocatedInstance first, LocatedInstance duplicate) =>
        first.InstanceName.Length == 0 && duplicate.InstanceName.Length > 0
            ? first with { InstanceName = duplicate.InstanceName, UnsupportedReason = LocatedInstanceBuilder.UnsupportedReasonFor(duplicate.InstanceName) }
            : first;

    /// <summary>Returns the host-and-port and host-and-name keys of an instance, whichever are known.</summary>
    internal static List<string> EndpointKeys(LocatedInstance instance)
    {
        var host = NormalizedHost(instance.HostName);
        var keys = new List<string>();
        var port = instance.Port
            ?? (LocatedInstanceBuilder.IsDefaultInstance(instance.InstanceName) && !instance.IsLocalDb ? DefaultInstancePort : null);
        if (port is { } knownPort)
        {
            keys.Add($"{host}|port|{knownPort}");
        }

        if (instance.InstanceName.Length > 0)
        {
            keys.Add($"{host}|{(instance.IsLocalDb ? "localdb" : "name")}|{instance.InstanceName}");
        }

        if (keys.Count == 0)
        {
            // No port and no name: only the same data source is known to be the same instance.
            keys.Add($"{host}|source|{instance.DataSource.Trim()}");
        }

        return keys;
    }
}
