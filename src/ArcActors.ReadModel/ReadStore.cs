using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ArcActors.ReadModel;

/// <summary>
/// The query side of the cloud cluster: ARM resources, activity log and billing ledger, in one SQLite
/// file (<see cref="Open"/>) or in one PostgreSQL database that several nodes share
/// (<see cref="OpenPostgres"/>). Projections feed it through <see cref="ApplyBatch"/>, and API reads never
/// touch the entities. Writes are serialized inside the process, and on PostgreSQL also across processes.
/// Reads use their own connections and run alongside writes, because a SQLite file is in WAL mode and
/// PostgreSQL reads (MVCC snapshots) do not wait for writers.
/// </summary>
public sealed partial class ReadStore : IDisposable
{
    private readonly string _sqliteConnectionString;
    private readonly NpgsqlDataSource? _dataSource;
    private readonly ReadStoreDialect _dialect;
    private readonly Lock _writeLock = new();
    private bool _disposed;

    private ReadStore(string path, string sqliteConnectionString)
    {
        FilePath = path;
        _sqliteConnectionString = sqliteConnectionString;
        _dialect = ReadStoreDialect.Sqlite;
    }

    private ReadStore(NpgsqlDataSource dataSource)
    {
        FilePath = "";
        _sqliteConnectionString = "";
        _dataSource = dataSource;
        _dialect = ReadStoreDialect.Postgres;
    }

    /// <summary>Full path of the SQLite file, or an empty string for a store on PostgreSQL.</summary>
    public string FilePath { get; }

    /// <summary>Opens the store at <paramref name="path"/>, creating the file and its tables when missing.</summary>
    public static ReadStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };

        var store = new ReadStore(fullPath, builder.ToString());
        using var connection = (SqliteConnection)store.OpenConnection();
        connection.Execute(null, "PRAGMA journal_mode=WAL;");
        connection.Execute(null, ReadStoreDialect.Sqlite.Schema);
        ReadStoreSchema.AddMissingColumns(connection);
        return store;
    }

    /// <summary>Returns the offset of the last event <paramref name="projection"/> applied, or 0 when it applied none.</summary>
    public long GetOffset(string projection)
    {
        ArgumentException.ThrowIfNullOrEmpty(projection);

        using var connection = OpenConnection();
        return ReadOffset(connection, null, projection);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_dataSource is not null)
        {
            _dataSource.Dispose();
            return;
        }

        using var connection = new SqliteConnection(_sqliteConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private DbConnection OpenConnection()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        if (_dataSource is not null)
        {
            return _dataSource.OpenConnection();
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        connection.Open();
        connection.Execute(null, "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;");
        return connection;
    }

    private static long ReadOffset(DbConnection connection, DbTransaction? transaction, string projection)
    {
        var value = connection.Scalar(transaction, "SELECT \"offset\" FROM projection_offsets WHERE name = @name", ("@name", projection));
        return value is long offset ? offset : 0;
    }
}
