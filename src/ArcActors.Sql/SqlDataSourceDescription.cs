using Microsoft.Data.SqlClient;

namespace ArcActors.Sql;

/// <summary>Describes a connection string for logs and messages without its password.</summary>
public static class SqlDataSourceDescription
{
    /// <summary>
    /// Returns the data source, initial catalog and login of a connection string, for example
    /// "data source 'tcp:db1,1433', database 'master', user 'arc'". The password and every other
    /// keyword are left out.
    /// </summary>
    public static string Describe(string connectionString)
    {
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The parser's message may quote part of the text, which can hold a password.
            return "an invalid connection string";
        }

        var parts = new List<string> { $"data source '{builder.DataSource}'" };
        if (builder.InitialCatalog.Length > 0)
        {
            parts.Add($"database '{builder.InitialCatalog}'");
        }

        parts.Add(DescribeLogin(builder));
        return string.Join(", ", parts);
    }

    private static string DescribeLogin(SqlConnectionStringBuilder builder)
    {
        if (builder.IntegratedSecurity)
        {
            return "integrated security";
        }

        if (builder.UserID.Length > 0)
        {
            return $"user '{builder.UserID}'";
        }

        return $"authentication {builder.Authentication}";
    }
}
