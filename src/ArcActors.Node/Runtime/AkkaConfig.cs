using System.Data.Common;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Akka.Persistence.Sql;
using ArcActors.Contracts.Serialization;
using Npgsql;

namespace ArcActors.Node.Runtime;

/// <summary>Layers the HOCON files under hocon/ with the settings that come from the command line.</summary>
public static class AkkaConfig
{
    /// <summary>Environment variable whose HOCON text overrides every file, for one-off settings.</summary>
    public const string OverrideVariable = "ARCACTORS_HOCON";

    /// <summary>Persistence provider of the journal in one SQLite file: hocon/persistence-sqlite.conf.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>Persistence provider of the journal in a PostgreSQL database: hocon/persistence-postgres.conf.</summary>
    public const string Postgres = "postgres";

    /// <summary>Persistence provider of the journal in a SQL Server database: hocon/persistence-sqlserver.conf.</summary>
    public const string SqlServer = "sqlserver";

    private static readonly string[] KnownProviders = [Sqlite, Postgres, SqlServer];

    /// <summary>Folder of the HOCON files: next to the executable.</summary>
    public static string HoconDirectory => Path.Combine(AppContext.BaseDirectory, "hocon");

    /// <summary>Builds the configuration of an embedded node whose journal is the SQLite file <paramref name="journalPath"/>.</summary>
    public static Config Embedded(string journalPath, string logLevel) =>
        Embedded(Sqlite, SqliteConnectionString(journalPath), logLevel);

    /// <summary>
    /// Builds the configuration of an embedded node whose journal, snapshot store and query journal
    /// use <paramref name="persistence"/> (<see cref="Sqlite"/>, <see cref="Postgres"/> or
    /// <see cref="SqlServer"/>) with <paramref name="connectionString"/>. Neither this method nor its
    /// errors log the connection string, which can contain a password.
    /// </summary>
    public static Config Embedded(string persistence, string connectionString, string logLevel)
    {
        CheckProvider(persistence);
        CheckConnectionString(persistence, connectionString);
        var overrides = ConfigurationFactory.ParseString($"akka.loglevel = {logLevel}\n" + ConnectionStringHocon(connectionString));

        var overrideText = Environment.GetEnvironmentVariable(OverrideVariable) ?? "";
        if (HoconSyntax.Check(overrideText) is { } unclosed)
        {
            throw new NodeConfigException($"{OverrideVariable} is not valid HOCON: {unclosed}; fix or unset it.");
        }

        return ConfigurationFactory.ParseString(overrideText)
            .WithFallback(overrides)
            .WithFallback(Load(PersistenceFileName(persistence)))
            .WithFallback(Load("role-embedded.conf"))
            .WithFallback(Load("base.conf"))
            .WithFallback(ConfigurationFactory.ParseString(SerializationConfig.Hocon))
            .WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>
    /// Returns HOCON text that switches persistence to <paramref name="persistence"/> with
    /// <paramref name="connectionString"/>: the provider's file followed by the connection strings.
    /// Given as <see cref="OverrideVariable"/>, it moves the journal of <c>arcactors up</c> and
    /// <c>arcactors simulate</c>, which build their configuration with the SQLite overload, to that
    /// provider. The text contains the connection string, so keep it out of logs.
    /// </summary>
    public static string PersistenceOverride(string persistence, string connectionString)
    {
        CheckProvider(persistence);
        CheckConnectionString(persistence, connectionString);
        return ReadFile(PersistenceFileName(persistence)) + "\n" + ConnectionStringHocon(connectionString);
    }

    private static string SqliteConnectionString(string journalPath) =>
        new SqliteConnectionStringBuilder { DataSource = journalPath, Pooling = true }.ToString();

    private static string ConnectionStringHocon(string connectionString) => $"""
        akka.persistence.journal.sql.connection-string = "{Escape(connectionString)}"
        akka.persistence.snapshot-store.sql.connection-string = "{Escape(connectionString)}"
        akka.persistence.query.journal.sql.connection-string = "{Escape(connectionString)}"

        """;

    private static string PersistenceFileName(string persistence) => $"persistence-{persistence}.conf";

    private static void CheckProvider(string persistence)
    {
        if (!KnownProviders.Contains(persistence, StringComparer.Ordinal))
        {
            throw new ArgumentException($"persistence provider '{persistence}' is invalid; give one of {string.Join(", ", KnownProviders)}.", nameof(persistence));
        }
    }

    // The message names the provider but never the connection string, which can contain a password.
    private static void CheckConnectionString(string persistence, string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException($"the connection string of persistence provider '{persistence}' is empty; give the connection string of its database.", nameof(connectionString));
        }

        if (FindConnectionStringError(persistence, connectionString) is { } error)
        {
            throw new ArgumentException($"the connection string of persistence provider '{persistence}' {error}; fix it.", nameof(connectionString));
        }
    }

    /// <summary>
    /// Parses <paramref name="connectionString"/> with the connection string builder of
    /// <paramref name="persistence"/> (Npgsql, Microsoft.Data.SqlClient or Microsoft.Data.Sqlite).
    /// Returns null when it is valid, else a phrase such as "is not a valid Npgsql connection string:
    /// keyword 'password' ...". The phrase names a keyword only when the provider recognizes it, and never
    /// contains a value or the parser's own message, because both can contain the password.
    /// </summary>
    public static string? FindConnectionStringError(string persistence, string connectionString)
    {
        CheckProvider(persistence);
        var library = ProviderLibrary(persistence);
        try
        {
            NewBuilder(persistence).ConnectionString = connectionString;
            return null;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException or OverflowException)
        {
            return $"is not a valid {library} connection string: {DescribeFault(persistence, connectionString)}";
        }
    }

    // Finds the first Keyword=value pair that the provider's builder rejects.
    private static string DescribeFault(string persistence, string connectionString)
    {
        var pairs = new DbConnectionStringBuilder();
        try
        {
            pairs.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return "its syntax is invalid, for example a quote is not closed or a part has no '='. Write it as Keyword=value pairs separated by ';', "
                + "and quote a value that contains ';' or '='";
        }

        var provider = NewBuilder(persistence);
        foreach (string keyword in pairs.Keys)
        {
            try
            {
                NewBuilder(persistence)[keyword] = pairs[keyword];
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException or OverflowException)
            {
                return DescribeKeyword(provider, keyword);
            }
        }

        return "the provider rejects the combination of its keywords (each one is valid alone); check the provider's documentation of each keyword";
    }

    // A keyword that contains a space or ';' is a fragment of a value joined to the next keyword
    // ("Password S3cret;Database=x" parses as the keyword "password s3cret;database"), so only its
    // first word is named, and only when the provider recognizes that word.
    private static string DescribeKeyword(DbConnectionStringBuilder provider, string keyword)
    {
        if (provider.ContainsKey(keyword))
        {
            return $"keyword '{keyword}' has an invalid value (not shown)";
        }

        var firstWord = keyword.Split([' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (firstWord != keyword && IsKeyword(provider, firstWord))
        {
            return $"keyword '{firstWord}' is not followed by '=', or a value near it contains an unquoted ';'. Write it as {firstWord}=value, "
                + "and quote a value that contains ';'";
        }

        return "a keyword is unknown to the provider (not shown, because a missing '=' or an unquoted ';' can turn part of a value into a keyword). "
            + "Check the spelling of each keyword, and that every pair is Keyword=value";
    }

    private static bool IsKeyword(DbConnectionStringBuilder provider, string word)
    {
        try
        {
            return word.Length > 0 && provider.ContainsKey(word);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static DbConnectionStringBuilder NewBuilder(string persistence) => persistence switch
    {
        Postgres => new NpgsqlConnectionStringBuilder(),
        SqlServer => new SqlConnectionStringBuilder(),
        _ => new SqliteConnectionStringBuilder(),
    };

    /// <summary>The .NET data provider whose connection string format <paramref name="persistence"/> uses.</summary>
    public static string ProviderLibrary(string persistence) => persistence switch
    {
        Postgres => "Npgsql",
        SqlServer => "Microsoft.Data.SqlClient",
        _ => "Microsoft.Data.Sqlite",
    };

    private static Config Load(string fileName) => ConfigurationFactory.ParseString(ReadFile(fileName));

    private static string ReadFile(string fileName)
    {
        var path = Path.Combine(HoconDirectory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"HOCON file {path} is missing; rebuild ArcActors.Node so hocon/ is copied next to the executable.", path);
        }

        return File.ReadAllText(path);
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
