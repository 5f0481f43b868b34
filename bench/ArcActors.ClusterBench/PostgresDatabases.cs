using Npgsql;

namespace ArcActors.ClusterBench;

/// <summary>Creates the journal databases of the benchmark on the PostgreSQL server named by <see cref="ClusterBenchOptions.PostgresVariable"/>.</summary>
public static class PostgresDatabases
{
    /// <summary>Creates an empty database named <paramref name="name"/> and returns its connection string.</summary>
    public static string Create(string serverConnectionString, string name)
    {
        using (var connection = new NpgsqlConnection(serverConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }
}
