namespace ArcActors.Sql.Locators;

/// <summary>Reads the state of a systemd unit, so tests can feed recorded <c>systemctl show</c> output.</summary>
public interface ISystemdUnitReader
{
    /// <summary>
    /// Returns the output of <c>systemctl show UNIT --property=LoadState,ActiveState,SubState</c>:
    /// one <c>Name=value</c> line per property. Returns an empty string when systemctl is not
    /// available, for example in a container.
    /// </summary>
    Task<string> ShowAsync(string unit, CancellationToken cancellationToken);
}
