using System.Data;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Discovery;

/// <summary>Opens one connection and runs discovery queries on it with the configured command timeout.</summary>
internal sealed class SqlQueryRunner : IAsyncDisposable
{
    private readonly SqlConnection _connection;
    private readonly int _commandTimeoutSeconds;

    private SqlQueryRunner(SqlConnection connection, int commandTimeoutSeconds)
    {
        _connection = connection;
        _commandTimeoutSeconds = commandTimeoutSeconds;
    }

    public static async Task<SqlQueryRunner> OpenAsync(string connectionString, SqlDiscoveryOptions options, CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(BuildConnectionString(connectionString, options));
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new SqlQueryRunner(connection, WholeSeconds(options.CommandTimeout));
    }

    /// <summary>Applies the connect timeout and turns off the pool's blocking period so that a retry really reconnects.</summary>
    public static string BuildConnectionString(string connectionString, SqlDiscoveryOptions options)
    {
        var builder = new SqlConnectionStringBuilder(connectionString)
        {
            ConnectTimeout = WholeSeconds(options.ConnectTimeout),
            PoolBlockingPeriod = PoolBlockingPeriod.NeverBlock,
        };

        if (builder.ApplicationName == new SqlConnectionStringBuilder().ApplicationName)
        {
            builder.ApplicationName = "ArcActors discovery";
        }

        return builder.ConnectionString;
    }

    /// <summary>Runs a query and maps every row; <paramref name="databaseName"/>, when given, is passed as @name.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<SqlDataReader, T> map, CancellationToken cancellationToken, string? databaseName = null)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = _commandTimeoutSeconds;
        if (databaseName is not null)
        {
            command.Parameters.Add(new SqlParameter("@name", SqlDbType.NVarChar, SqlIdentifier.MaxLength) { Value = databaseName });
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Runs a query that returns one row and maps it; a query without rows is a bug in the query.</summary>
    public async Task<T> QuerySingleAsync<T>(string sql, Func<SqlDataReader, T> map, CancellationToken cancellationToken, string? databaseName = null)
    {
        var rows = await QueryAsync(sql, map, cancellationToken, databaseName).ConfigureAwait(false);
        if (rows.Count != 1)
        {
            throw new InvalidOperationException($"Discovery query returned {rows.Count} rows where one was expected: {FirstLine(sql)}");
        }

        return rows[0];
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static int WholeSeconds(TimeSpan timeout) => Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));

    private static string FirstLine(string sql) => sql.Split('\n', 2)[0].Trim();
}
