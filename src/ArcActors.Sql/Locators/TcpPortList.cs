using System.Globalization;

namespace ArcActors.Sql.Locators;

/// <summary>Parses the comma-separated port lists of the registry values TcpPort and TcpDynamicPorts.</summary>
internal static class TcpPortList
{
    /// <summary>
    /// Returns the ports in order. Empty entries and "0" are skipped, because 0 means no port
    /// (in TcpDynamicPorts it means "use a dynamic port", before the instance has taken one).
    /// Entries that are not a port from 1 to 65535 go to <paramref name="invalid"/>.
    /// </summary>
    public static IReadOnlyList<int> Parse(string? value, List<string> invalid)
    {
        var ports = new List<int>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return ports;
        }

        foreach (var entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            {
                invalid.Add(entry);
            }
            else if (port > 0 && !ports.Contains(port))
            {
                ports.Add(port);
            }
        }

        return ports;
    }
}
