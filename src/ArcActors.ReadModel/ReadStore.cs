using Microsoft.Data.Sqlite;

namespace ArcActors.ReadModel;

/// <summary>
/// The query side of the cloud cluster: ARM resources, activity log and billing ledger in one SQLite
/// file. Projections feed it through <see cref="ApplyBatch"/>, and API reads never touch the entities.
/// Writes are serialized inside the process. Reads use their own connections and run alongside
/// writes because the file is in WAL mode.
/// </summary>
public sealed partial class ReadStore : IDisposable
{
    private readonly string _connectionString;
    private readonly Lock _writeLock = new();
    private bool _disposed;

    private ReadStore(string path, string connectionString)
    {
        FilePath = path;
        _connectionString = connectionString;
    }

    /// <summary>Full path of the SQLite file.</summary>
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
        using var connection = store.OpenConnection();
        connection.Execute(null, "PRAGMA journal_mode=WAL;");
        connection.Execute(null, ReadStoreSchema.Create);
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
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection OpenConnection()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute(null, "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;");
        return connection;
    }

    private static long ReadOffset(SqliteConnection connection, SqliteTransaction? transaction, string projection)
    {
        var value = connection.Scalar(transaction, "SELECT \"offset\" FROM projection_offsets WHERE name = $name", ("$name", projection));
        return value is long offset ? offset : 0;
    }
}
