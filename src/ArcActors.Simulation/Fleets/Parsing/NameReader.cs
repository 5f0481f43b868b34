using ArcActors.Contracts;

namespace ArcActors.Simulation.Fleets.Parsing;

/// <summary>
/// Reads host, instance, database and availability group names and applies <see cref="NameRules"/>,
/// because the cloud side rejects a name that breaks them and the simulation would then lose that
/// host or instance without an error.
/// </summary>
internal static class NameReader
{
    public static string? HostName(YamlMapReader reader, string key)
    {
        var name = reader.Name(key);
        return name is null ? null : Checked(reader, key, name, NameRules.HostNameError(name));
    }

    public static string? ResourceGroup(YamlMapReader reader, string key)
    {
        var name = reader.Name(key);
        return name is null ? null : Checked(reader, key, name, NameRules.ResourceGroupError(name));
    }

    public static string? Location(YamlMapReader reader, string key)
    {
        var name = reader.Name(key);
        return name is null ? null : Checked(reader, key, name, NameRules.LocationError(name));
    }

    /// <summary>Reads an instance, database or availability group name.</summary>
    /// <param name="kind">"instance", "database" or "availability group", as <see cref="NameRules.SqlNameError"/> takes it.</param>
    public static string? SqlName(YamlMapReader reader, string key, string kind)
    {
        var name = reader.Name(key);
        return name is null ? null : Checked(reader, key, name, NameRules.SqlNameError(kind, name));
    }

    /// <summary>
    /// Reads a database name without its trailing spaces, because SQL Server compares 'db1' and
    /// 'db1 ' as the same name.
    /// </summary>
    public static string? DatabaseName(YamlMapReader reader, string key)
    {
        var name = reader.Name(key)?.TrimEnd(' ');
        return name is null ? null : Checked(reader, key, name, NameRules.SqlNameError("database", name));
    }

    /// <summary>Removes the trailing spaces of a database name that selects or lists a database.</summary>
    public static string TrimDatabaseName(string name) => name.TrimEnd(' ');

    /// <summary>Returns <paramref name="name"/> when <paramref name="error"/> is null, else throws it at the key's line.</summary>
    private static string Checked(YamlMapReader reader, string key, string name, string? error)
    {
        if (error is null)
        {
            return name;
        }

        var text = error.TrimEnd('.');
        var split = text.IndexOf("; ", StringComparison.Ordinal);
        var problem = split < 0 ? text : text[..split];
        var fix = split < 0 ? "rename it" : text[(split + 2)..];

        throw reader.Error(key, name, $"{problem} ('{key}' in {reader.Table})", fix);
    }
}
