using System.Data.Common;
using Npgsql;

namespace ArcActors.Dps.Ingress;

/// <summary>
/// Enrollment keys in the table <c>host_enrollments</c> of the cluster's PostgreSQL database, so every
/// dps node checks uploads against the same keys and <c>arcactors host enroll</c> enrolls a host for
/// the whole cluster at once. Each node caches what it read for <see cref="CacheTime"/>: a new key works
/// at once everywhere, and a key replaced by enrolling its machine again stops working on every node
/// within that time.
/// </summary>
public sealed class PostgresEnrollmentStore : IEnrollmentStore
{
    /// <summary>Name of the table in the journal's database.</summary>
    public const string TableName = "host_enrollments";

    /// <summary>How long a node trusts a key it read before it reads it again.</summary>
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(30);

    // Bounds the cache against a flood of made-up key ids; past it the cache starts over.
    private const int MaxCachedKeys = 100_000;

    private const string CreateTable = $"""
        CREATE TABLE IF NOT EXISTS {TableName} (
            host_key_id TEXT NOT NULL PRIMARY KEY,
            vm_id UUID NOT NULL,
            key_sha256 TEXT NOT NULL,
            enrolled_at TIMESTAMPTZ NOT NULL);
        CREATE INDEX IF NOT EXISTS {TableName}_vm ON {TableName}(vm_id);
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Guid? VmId, string? KeySha256, DateTimeOffset ReadAt)> _cache = new(StringComparer.Ordinal);
    private volatile bool _tableReady;

    /// <exception cref="ArgumentException">
    /// <paramref name="connectionString"/> is empty or not a valid Npgsql connection string; the message
    /// contains no part of it.
    /// </exception>
    public PostgresEnrollmentStore(string connectionString, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = Parse(connectionString);
        _connectionString = builder.ConnectionString;
        _clock = clock ?? TimeProvider.System;
        Location = $"table {TableName} of PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
    }

    public string Location { get; }

    // Npgsql's message can quote part of a value, such as a password joined to the next keyword by a
    // missing '=', so neither it nor the inner exception goes into the exception thrown here.
    private static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException("the connection string of the enrollment store is not a valid Npgsql connection string (the parser's message is not shown, "
                + "because it can contain part of the password); check that every part is Keyword=value and that a value containing ';' is quoted, "
                + "then fix the variable named by arcactors.node.persistence.connection-string-env.", nameof(connectionString));
        }
    }

    /// <inheritdoc />
    public EnrollmentStore.IssuedKey Enroll(Guid vmId, DateTimeOffset at)
    {
        if (vmId == Guid.Empty)
        {
            throw new ArgumentException("vmId is the empty GUID; give the machine's vmId.", nameof(vmId));
        }

        var (keyId, key) = EnrollmentKeys.Create();
        var replaced = Run("enroll a host", connection =>
        {
            using var transaction = connection.BeginTransaction();
            // Two enrollments of one machine at once would otherwise both delete, then both insert.
            Execute(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(@vm))", ("vm", vmId.ToString("D")));
            var removed = Execute(connection, transaction, $"DELETE FROM {TableName} WHERE vm_id = @vm", ("vm", vmId));
            Execute(connection, transaction, $"INSERT INTO {TableName}(host_key_id, vm_id, key_sha256, enrolled_at) VALUES (@id, @vm, @hash, @at)",
                ("id", keyId), ("vm", vmId), ("hash", EnrollmentKeys.HashHex(key)), ("at", at.ToUniversalTime()));
            transaction.Commit();
            return removed;
        });

        lock (_gate)
        {
            _cache.Clear();
        }

        return new EnrollmentStore.IssuedKey(keyId, key, vmId, replaced);
    }

    /// <inheritdoc />
    public Guid? Verify(string hostKeyId, string key)
    {
        var (vmId, keySha256) = Lookup(hostKeyId ?? "");
        return EnrollmentKeys.Matches(key, keySha256) ? vmId : null;
    }

    private (Guid? VmId, string? KeySha256) Lookup(string hostKeyId)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (_cache.TryGetValue(hostKeyId, out var cached) && now - cached.ReadAt < CacheTime)
            {
                return (cached.VmId, cached.KeySha256);
            }
        }

        // NOTE: a cache miss queries PostgreSQL synchronously, so it holds up the ingress actor for one round trip.
        var row = Run("check a host's key", connection =>
        {
            using var command = Command(connection, null, $"SELECT vm_id, key_sha256 FROM {TableName} WHERE host_key_id = @id", ("id", hostKeyId));
            using var reader = command.ExecuteReader();
            return reader.Read() ? ((Guid?)reader.GetGuid(0), reader.GetString(1)) : ((Guid?)null, (string?)null);
        });

        lock (_gate)
        {
            if (_cache.Count >= MaxCachedKeys)
            {
                _cache.Clear();
            }

            _cache[hostKeyId] = (row.Item1, row.Item2, now);
        }

        return row;
    }

    // Connection and server errors become an IOException naming the store, which the ingress treats as
    // "try again later". The message never contains the connection string or its password.
    private T Run<T>(string action, Func<NpgsqlConnection, T> work)
    {
        try
        {
            using var connection = new NpgsqlConnection(_connectionString);
            connection.Open();
            EnsureTable(connection);
            return work(connection);
        }
        catch (Exception exception) when (exception is DbException or TimeoutException)
        {
            throw new IOException($"cannot {action} in the enrollment store ({Location}): {exception.Message}; check that the server runs "
                + "and that the journal's connection string (arcactors.node.persistence.connection-string-env) names a role that may create and write tables.",
                exception);
        }
    }

    private void EnsureTable(NpgsqlConnection connection)
    {
        if (_tableReady)
        {
            return;
        }

        // CREATE TABLE IF NOT EXISTS can still fail when two nodes create the table at the same moment.
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock(hashtext('{TableName}'))");
        Execute(connection, transaction, CreateTable);
        transaction.Commit();
        _tableReady = true;
    }

    private static int Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
