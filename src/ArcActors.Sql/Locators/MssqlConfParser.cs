using System.Globalization;

namespace ArcActors.Sql.Locators;

/// <summary>
/// Reads mssql.conf, the INI file that mssql-conf writes. The section and key names come from
/// Microsoft's page "Configure SQL Server on Linux with the mssql-conf tool"
/// (MicrosoftDocs/sql-docs, docs/linux/sql-server-linux-configure-mssql-conf.md, 2022-11-24 version):
/// <c>network.tcpport</c> (default 1433), <c>network.ipaddress</c> ("IP address for incoming
/// connections") and <c>filelocation.defaultbackupdir</c> (default /var/opt/mssql/data), shown in
/// its sample file as <c>[network] tcpport = 1401</c> and <c>[filelocation] defaultbackupdir = ...</c>.
/// </summary>
public static class MssqlConfParser
{
    /// <summary>Reads and parses the file; a missing file returns <see cref="MssqlConf.Empty"/>.</summary>
    /// <exception cref="ConfigFileFormatException">A line is neither a section, a comment nor <c>key = value</c>, or tcpport is not a port.</exception>
    public static MssqlConf Load(string path)
    {
        if (!File.Exists(path))
        {
            return MssqlConf.Empty;
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses the text of an mssql.conf file; <paramref name="path"/> only names the file in errors.</summary>
    /// <exception cref="ConfigFileFormatException">The text is malformed.</exception>
    public static MssqlConf Parse(string text, string path)
    {
        var values = ReadValues(text, path);

        var port = values.TryGetValue(("network", "tcpport"), out var portValue) ? ParsePort(portValue, path) : null;
        var ipAddress = values.TryGetValue(("network", "ipaddress"), out var address) ? address.Text : "";
        var backupDirectory = values.TryGetValue(("filelocation", "defaultbackupdir"), out var backup) ? backup.Text : "";

        return new MssqlConf(port, ipAddress, backupDirectory);
    }

    private static Dictionary<(string Section, string Key), (string Text, int LineNumber)> ReadValues(string text, string path)
    {
        var values = new Dictionary<(string Section, string Key), (string Text, int LineNumber)>(SectionKeyComparer.Instance);
        var section = "";
        var lines = text.Split('\n');

        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = lines[index].Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = ParseSection(line, path, lineNumber);
                continue;
            }

            var (key, value) = ParseKeyValue(line, section, path, lineNumber);

            // Later lines win, as in most INI readers; mssql-conf writes each key once.
            values[(section, key)] = (value, lineNumber);
        }

        return values;
    }

    private static string ParseSection(string line, string path, int lineNumber)
    {
        var name = line.Length > 2 && line[^1] == ']' ? line[1..^1].Trim() : "";
        if (name.Length == 0)
        {
            throw new ConfigFileFormatException(path, lineNumber,
                $"'{Shown(line)}' is not a valid section header; write it as [name], for example [network].");
        }

        return name;
    }

    private static (string Key, string Value) ParseKeyValue(string line, string section, string path, int lineNumber)
    {
        var equals = line.IndexOf('=');
        if (equals <= 0)
        {
            throw new ConfigFileFormatException(path, lineNumber,
                $"'{Shown(line)}' is not a section header, a comment or a 'key = value' line; fix the line or rewrite it with mssql-conf.");
        }

        if (section.Length == 0)
        {
            throw new ConfigFileFormatException(path, lineNumber,
                $"'{Shown(line)}' comes before the first section header; move it under its section, for example [network].");
        }

        return (line[..equals].Trim(), line[(equals + 1)..].Trim());
    }

    private static int? ParsePort((string Text, int LineNumber) value, string path)
    {
        if (value.Text.Length == 0)
        {
            return null;
        }

        var valid = int.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535;
        return valid
            ? port
            : throw new ConfigFileFormatException(path, value.LineNumber,
                $"[network] tcpport '{Shown(value.Text)}' is not a TCP port; set a number from 1 to 65535 with 'mssql-conf set network.tcpport'.");
    }

    private static string Shown(string text) => ArcActors.Contracts.NameRules.Shorten(text);

    private sealed class SectionKeyComparer : IEqualityComparer<(string Section, string Key)>
    {
        public static SectionKeyComparer Instance { get; } = new();

        public bool Equals((string Section, string Key) x, (string Section, string Key) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Section, y.Section) && StringComparer.OrdinalIgnoreCase.Equals(x.Key, y.Key);

        public int GetHashCode((string Section, string Key) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Section), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Key));
    }
}
