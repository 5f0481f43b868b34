using ArcActors.Node.Runtime;
using Xunit;

namespace ArcActors.Tests.Postgres;

/// <summary>The persistence files as AkkaConfig layers them; these run without a database server.</summary>
public sealed class PersistenceConfigTests
{
    private const string Password = "s3cret-Pa55";

    [Theory]
    [InlineData(AkkaConfig.Postgres, "PostgreSQL.15", "Host=127.0.0.1;Username=arcactors")]
    [InlineData(AkkaConfig.SqlServer, "SqlServer.2019", "Server=127.0.0.1;User ID=arcactors")]
    public void AkkaConfig_UsesProviderFileAndConnection(string persistence, string providerName, string server)
    {
        var connectionString = $"{server};Password={Password}";

        var config = AkkaConfig.Embedded(persistence, connectionString, "WARNING");

        foreach (var path in new[] { "akka.persistence.journal.sql", "akka.persistence.snapshot-store.sql", "akka.persistence.query.journal.sql" })
        {
            Assert.Equal(providerName, config.GetString($"{path}.provider-name"));
            Assert.Equal(connectionString, config.GetString($"{path}.connection-string"));
            Assert.Equal("read-committed", config.GetString($"{path}.read-isolation-level"));
        }

        Assert.Equal("Csv", config.GetString("akka.persistence.journal.sql.tag-write-mode"));
        Assert.Equal("Csv", config.GetString("akka.persistence.query.journal.sql.tag-read-mode"));
        Assert.Equal("default", config.GetString("akka.persistence.journal.sql.table-mapping"));
        Assert.Equal(3, config.GetInt("akka.persistence.journal.sql.parallelism"));
    }

    [Fact]
    public void AkkaConfig_SqliteStaysDefault()
    {
        var config = AkkaConfig.Embedded(Path.Combine(Path.GetTempPath(), "journal.db"), "WARNING");

        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal(1, config.GetInt("akka.persistence.journal.sql.parallelism"));
    }

    [Fact]
    public void AkkaConfig_RejectsUnknownProviderWithoutSecret()
    {
        var error = Assert.Throws<ArgumentException>(() => AkkaConfig.Embedded("mysql", $"Password={Password}", "WARNING"));

        Assert.Contains("'mysql'", error.Message);
        Assert.Contains(AkkaConfig.Postgres, error.Message);
        Assert.DoesNotContain(Password, error.Message);
    }

    [Fact]
    public void PersistenceOverride_OverridesSqliteFile()
    {
        var connectionString = "Host=127.0.0.1;Username=arcactors";
        var previous = Environment.GetEnvironmentVariable(AkkaConfig.OverrideVariable);
        Environment.SetEnvironmentVariable(AkkaConfig.OverrideVariable, AkkaConfig.PersistenceOverride(AkkaConfig.Postgres, connectionString));
        try
        {
            var config = AkkaConfig.Embedded(Path.Combine(Path.GetTempPath(), "journal.db"), "WARNING");

            Assert.Equal("PostgreSQL.15", config.GetString("akka.persistence.snapshot-store.sql.provider-name"));
            Assert.Equal(connectionString, config.GetString("akka.persistence.query.journal.sql.connection-string"));
            Assert.Equal("read-committed", config.GetString("akka.persistence.query.journal.sql.read-isolation-level"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(AkkaConfig.OverrideVariable, previous);
        }
    }
}
