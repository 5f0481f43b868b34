using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Akka.Persistence.Sql;
using ArcActors.Contracts.Serialization;

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

        return ConfigurationFactory.ParseString(Environment.GetEnvironmentVariable(OverrideVariable) ?? "")
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
    }

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
