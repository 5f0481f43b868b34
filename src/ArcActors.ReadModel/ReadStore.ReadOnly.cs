using Microsoft.Data.Sqlite;
using Npgsql;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>
    /// Opens the SQLite read store at <paramref name="path"/> for reading: no file, table or column is
    /// created, and the file's content stays as it is. Queries work, and writes fail.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file is missing or contains no read store.</exception>
    /// <exception cref="SqliteException">The file is not a SQLite database or cannot be read.</exception>
    public static ReadStore OpenReadOnly(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new InvalidOperationException($"no read store at {fullPath}: the file is missing.");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = fullPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var store = new ReadStore(fullPath, builder.ToString());
        try
        {
            using var connection = store.OpenConnection();
            RequireBillingTable(connection.Query(null, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'billing'",
                reader => reader.GetInt64(0)), fullPath);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Opens the read store in the PostgreSQL database of <paramref name="connectionString"/> for reading, creating nothing.</summary>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is not a valid Npgsql connection string.</exception>
    /// <exception cref="InvalidOperationException">The server is unreachable, refuses the login, or the database contains no read store.</exception>
    public static ReadStore OpenPostgresReadOnly(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var builder = ParsePostgresConnectionString(connectionString);
        var store = new ReadStore(NpgsqlDataSource.Create(builder));
        try
        {
            using var connection = store.OpenConnection();
            RequireBillingTable(connection.Query(null, "SELECT count(*) FROM (SELECT to_regclass('billing') AS found) AS lookup WHERE found IS NOT NULL",
                reader => reader.GetInt64(0)), DescribeServer(builder));
            return store;
        }
        catch (NpgsqlException exception)
        {
            store.Dispose();
            throw new InvalidOperationException(
                $"Could not read the PostgreSQL read store at {DescribeServer(builder)}: {EndSentence(exception.Message)} " +
                "Check that the server runs and accepts connections from this machine, that the database exists, " +
                "and that the role may read the read store's tables.",
                exception);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static void RequireBillingTable(List<long> count, string location)
    {
        if (count is not [> 0])
        {
            throw new InvalidOperationException($"no read store at {location}: it has no billing table. Give the store of a cloud node that has started once.");
        }
    }
}
