using System.Data;
using ArcActors.Sql.Discovery;
using ArcActors.Sql.Errors;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Privileges;

/// <summary>
/// Reads the <see cref="PermissionItem"/>s a principal holds on an instance now, through
/// Microsoft.Data.SqlClient with the queries of <see cref="PermissionQueries"/>. Permission names come
/// back as <c>permission_name</c> spells them (upper-case words such as VIEW SERVER STATE), which is the
/// spelling the planner uses.
/// </summary>
/// <remarks>
/// NOTE: schema-level grants (class 3), column grants and endpoint permissions are not read, so extra
/// privilege held through them is not reported.
/// </remarks>
public static class PermissionReader
{
    /// <summary>
    /// Returns the login, server permissions, server role memberships and, in each readable database of
    /// <paramref name="databases"/>, the user mapped to the login and its permissions and role memberships.
    /// Without a login the result is empty: users whose login was dropped are orphaned and not read.
    /// A transient error (dropped connection, timeout, deadlock) restarts the read, as often as
    /// <see cref="SqlDiscoveryOptions.MaxRetries"/> allows; any other SqlException is thrown.
    /// </summary>
    public static Task<IReadOnlySet<PermissionItem>> ReadAsync(
        string connectionString,
        SqlDiscoveryOptions options,
        string principal,
        IReadOnlyList<DatabaseTarget> databases,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        ArgumentNullException.ThrowIfNull(databases);
        if (principal.Length > SqlIdentifier.MaxLength)
        {
            throw new ArgumentException(
                $"Principal name of {principal.Length} characters is longer than the {SqlIdentifier.MaxLength} a sysname holds; pass the login name as SQL Server stores it.",
                nameof(principal));
        }

        var retry = new TransientRetry(options.MaxRetries, options.RetryBaseDelay);
        return retry.ExecuteAsync(
            token => ReadOnceAsync(connectionString, options, principal, databases, token),
            SqlExceptionClassifier.IsTransient,
            onRetry: null,
            cancellationToken);
    }

    private static async Task<IReadOnlySet<PermissionItem>> ReadOnceAsync(
        string connectionString, SqlDiscoveryOptions options, string principal, IReadOnlyList<DatabaseTarget> databases, CancellationToken cancellationToken)
    {
        var items = new HashSet<PermissionItem>();
        await using var connection = new SqlConnection(ConnectionStringFor(connectionString, options));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        var login = await QueryAsync(connection, options, principal, PermissionQueries.Login, cancellationToken).ConfigureAwait(false);
        if (login.Count == 0)
        {
            return items;
        }

        items.Add(PermissionItem.Login());

        foreach (var row in await QueryAsync(connection, options, principal, PermissionQueries.ServerPermissions, cancellationToken).ConfigureAwait(false))
        {
            items.Add(PermissionItem.ServerPermission(row[0]));
        }

        foreach (var row in await QueryAsync(connection, options, principal, PermissionQueries.ServerRoles, cancellationToken).ConfigureAwait(false))
        {
            items.Add(PermissionItem.ServerRole(row[0]));
        }

        foreach (var database in databases.Where(database => database.IsReadable))
        {
            await ReadDatabaseAsync(connection, options, principal, database.Name, items, cancellationToken).ConfigureAwait(false);
        }

        return items;
    }

    private static async Task ReadDatabaseAsync(
        SqlConnection connection, SqlDiscoveryOptions options, string principal, string database, HashSet<PermissionItem> items, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, options, principal, PermissionQueries.InDatabase(database));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        var hasUser = false;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            hasUser = true;
        }

        if (hasUser)
        {
            items.Add(PermissionItem.User(database));
        }

        await NextResultAsync(reader, database, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(PermissionItem.DatabasePermission(database, reader.Text("permission_name")));
        }

        await NextResultAsync(reader, database, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(PermissionItem.ObjectPermission(database, reader.Text("permission_name"), reader.Text("schema_name"), reader.Text("object_name")));
        }

        await NextResultAsync(reader, database, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(PermissionItem.DatabaseRole(database, reader.Text("role_name")));
        }
    }

    private static async Task<List<string[]>> QueryAsync(
        SqlConnection connection, SqlDiscoveryOptions options, string principal, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, options, principal, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        var rows = new List<string[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : reader.GetString(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static async Task NextResultAsync(SqlDataReader reader, string database, CancellationToken cancellationToken)
    {
        if (!await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException(
                $"The permission batch for database '{database}' returned fewer than four result sets; the server did not run every query of PermissionQueries.InDatabase.");
        }
    }

    private static SqlCommand Command(SqlConnection connection, SqlDiscoveryOptions options, string principal, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(options.CommandTimeout.TotalSeconds));
        command.Parameters.Add(new SqlParameter("@principal", SqlDbType.NVarChar, SqlIdentifier.MaxLength) { Value = principal });
        return command;
    }

    private static string ConnectionStringFor(string connectionString, SqlDiscoveryOptions options)
    {
        var builder = new SqlConnectionStringBuilder(SqlQueryRunner.BuildConnectionString(connectionString, options));
        if (builder.ApplicationName == "ArcActors discovery")
        {
            builder.ApplicationName = "ArcActors permission reader";
        }

        return builder.ConnectionString;
    }
}
