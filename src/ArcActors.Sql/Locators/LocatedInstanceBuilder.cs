using ArcActors.Contracts;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Locators;

/// <summary>Builds data sources, connection strings and name checks the same way for every locator.</summary>
internal static class LocatedInstanceBuilder
{
    public static bool IsDefaultInstance(string instanceName) =>
        string.Equals(instanceName, NameRules.DefaultInstanceName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Returns <c>host,port</c> when the port is known. Without a port the default instance is
    /// <c>host</c> (SqlClient then connects to TCP port 1433) and a named instance is <c>host\INSTANCE</c>, which
    /// SqlClient resolves through SQL Server Browser.
    /// </summary>
    public static string DataSourceFor(string host, string instanceName, int? port)
    {
        if (port is { } knownPort)
        {
            return $"{host},{knownPort}";
        }

        return IsDefaultInstance(instanceName) ? host : $"{host}\\{instanceName}";
    }

    /// <summary>Returns the template with its Data Source replaced.</summary>
    /// <exception cref="ArgumentException">The template is not a valid connection string.</exception>
    public static string ConnectionStringFor(string template, string dataSource)
    {
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(template);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The parser's message may quote the text, which can contain a password, so it is left out.
            throw new ArgumentException(
                "the locator connection template is not a valid SqlClient connection string; fix LocatorOptions.ConnectionTemplate.",
                nameof(template));
        }

        builder.DataSource = dataSource;
        return builder.ConnectionString;
    }

    /// <summary>Returns NameRules' reason why the instance name is unsupported, or an empty string.</summary>
    public static string UnsupportedReasonFor(string instanceName) =>
        NameRules.SqlNameError("instance", instanceName) ?? "";

    /// <summary>Returns the host name after checking it with <see cref="NameRules.HostNameError"/>.</summary>
    /// <exception cref="ArgumentException">The host name is invalid.</exception>
    public static string CheckedHostName(string hostName)
    {
        var error = NameRules.HostNameError(hostName);
        return error is null ? hostName : throw new ArgumentException($"{error} Set LocatorOptions.HostName.", nameof(hostName));
    }
}
