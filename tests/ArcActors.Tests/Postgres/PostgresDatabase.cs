using Npgsql;

namespace ArcActors.Tests.Postgres;

/// <summary>
/// A database of its own for one test on the server that <see cref="ServerVariable"/> names: created
/// empty, so runs never share a journal, and dropped on dispose.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    /// <summary>Environment variable with the Npgsql connection string of the test server; its role needs CREATEDB.</summary>
    public const string ServerVariable = "ARCACTORS_TEST_POSTGRES";

    /// <summary>Environment variable with the name of a second login role on that server, one that owns no tables and logs in without a password.</summary>
    public const string OtherRoleVariable = "ARCACTORS_TEST_POSTGRES_OTHER_ROLE";

    private readonly string _serverConnectionString;
    private readonly string _name;

    private PostgresDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>Npgsql connection string of this test's database.</summary>
    public string ConnectionString { get; }

    public static PostgresDatabase Create()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException($"{ServerVariable} is not set; mark the test [PostgresFact] so it is skipped without a server.");
        }

        var name = $"arcactors_test_{Guid.NewGuid():N}";
        Execute(server, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new PostgresDatabase(server, name, connectionString);
    }

    /// <summary>Connection string of this database for the role that <see cref="OtherRoleVariable"/> names.</summary>
    public string ConnectionStringOfOtherRole() => new NpgsqlConnectionStringBuilder(ConnectionString)
    {
        Username = Environment.GetEnvironmentVariable(OtherRoleVariable)
            ?? throw new InvalidOperationException($"{OtherRoleVariable} is not set; mark the test [PostgresOtherRoleFact]."),
        Password = null,
    }.ConnectionString;

    /// <summary>Returns the number of rows of <paramref name="table"/> in this database.</summary>
    public long CountRows(string table)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        // The node's pooled connections would keep the database open; FORCE (PostgreSQL 13+) ends
        // any that remain.
        NpgsqlConnection.ClearAllPools();
        Execute(_serverConnectionString, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
