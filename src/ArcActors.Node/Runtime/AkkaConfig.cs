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

    /// <summary>Folder of the HOCON files: next to the executable.</summary>
    public static string HoconDirectory => Path.Combine(AppContext.BaseDirectory, "hocon");

    /// <summary>Builds the configuration of an embedded node whose journal is the SQLite file <paramref name="journalPath"/>.</summary>
    public static Config Embedded(string journalPath, string logLevel)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = journalPath, Pooling = true }.ToString();
        var overrides = ConfigurationFactory.ParseString($"""
            akka.loglevel = {logLevel}
            akka.persistence.journal.sql.connection-string = "{Escape(connection)}"
            akka.persistence.snapshot-store.sql.connection-string = "{Escape(connection)}"
            akka.persistence.query.journal.sql.connection-string = "{Escape(connection)}"
            """);

        return ConfigurationFactory.ParseString(Environment.GetEnvironmentVariable(OverrideVariable) ?? "")
            .WithFallback(overrides)
            .WithFallback(Load("persistence-sqlite.conf"))
            .WithFallback(Load("role-embedded.conf"))
            .WithFallback(Load("base.conf"))
            .WithFallback(ConfigurationFactory.ParseString(SerializationConfig.Hocon))
            .WithFallback(SqlPersistence.DefaultConfiguration);
    }

    private static Config Load(string fileName)
    {
        var path = Path.Combine(HoconDirectory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"HOCON file {path} is missing; rebuild ArcActors.Node so hocon/ is copied next to the executable.", path);
        }

        return ConfigurationFactory.ParseString(File.ReadAllText(path));
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
