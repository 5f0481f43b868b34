using ArcActors.Sql.Locators;

namespace ArcActors.Sql.Tests.Locators;

/// <summary>Registry values held as key path, value name and text, as SQL Server Setup writes them.</summary>
internal sealed class RecordedRegistry : IRegistryReader
{
    private readonly Dictionary<string, Dictionary<string, string>> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _subKeys = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records an instance as SQL Server Setup registers it, with its IPAll port values.</summary>
    public RecordedRegistry WithInstance(string name, string id, string? tcpPort, string? tcpDynamicPorts, string? backupDirectory = null)
    {
        Set(WindowsInstanceLocator.InstanceNamesKey, name, id);

        var ipAll = $@"{WindowsInstanceLocator.SqlServerKey}\{id}\MSSQLServer\SuperSocketNetLib\Tcp\IPAll";
        if (tcpPort is not null)
        {
            Set(ipAll, "TcpPort", tcpPort);
        }

        if (tcpDynamicPorts is not null)
        {
            Set(ipAll, "TcpDynamicPorts", tcpDynamicPorts);
        }

        if (backupDirectory is not null)
        {
            Set($@"{WindowsInstanceLocator.SqlServerKey}\{id}\MSSQLServer", "BackupDirectory", backupDirectory);
        }

        return this;
    }

    public RecordedRegistry WithSubKey(string keyPath, string subKey)
    {
        if (!_subKeys.TryGetValue(keyPath, out var list))
        {
            _subKeys[keyPath] = list = [];
        }

        list.Add(subKey);
        return this;
    }

    public IReadOnlyList<string> ValueNames(string keyPath) =>
        _values.TryGetValue(keyPath, out var values) ? values.Keys.ToList() : [];

    public IReadOnlyList<string> SubKeyNames(string keyPath) =>
        _subKeys.TryGetValue(keyPath, out var list) ? list : [];

    public string? ReadString(string keyPath, string valueName) =>
        _values.TryGetValue(keyPath, out var values) && values.TryGetValue(valueName, out var value) ? value : null;

    private void Set(string keyPath, string valueName, string value)
    {
        if (!_values.TryGetValue(keyPath, out var values))
        {
            _values[keyPath] = values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        values[valueName] = value;
    }
}
