namespace ArcActors.Sql.Locators;

/// <summary>
/// The load and activation state of a systemd unit, from <c>systemctl show</c>. The value names are
/// systemd's: LoadState loaded or not-found, ActiveState active, reloading, inactive, failed,
/// activating or deactivating, and SubState the unit type's detail (running, dead, failed).
/// </summary>
public sealed record SystemdUnitState(string LoadState, string ActiveState, string SubState)
{
    /// <summary>True when systemd has no unit file of that name, so the package is not installed.</summary>
    public bool IsNotFound => LoadState == "not-found";

    /// <summary>True when no state was read, for example because systemctl is not available.</summary>
    public bool IsUnread => ActiveState.Length == 0;

    public ServiceState ServiceState => ActiveState switch
    {
        "active" => ServiceState.Running,
        "inactive" or "failed" => ServiceState.Stopped,
        "activating" or "deactivating" or "reloading" => ServiceState.Changing,
        _ => ServiceState.Unknown,
    };

    /// <summary>Parses <c>Name=value</c> lines; unknown properties are ignored and missing ones read as empty.</summary>
    public static SystemdUnitState Parse(string output)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.Trim();
            var equals = line.IndexOf('=');
            if (equals > 0)
            {
                properties[line[..equals]] = line[(equals + 1)..];
            }
        }

        return new SystemdUnitState(
            properties.GetValueOrDefault("LoadState", ""),
            properties.GetValueOrDefault("ActiveState", ""),
            properties.GetValueOrDefault("SubState", ""));
    }
}
