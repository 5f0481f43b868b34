using System.Data.Common;
using Npgsql;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    // Keys of the transaction-scoped advisory locks that serialize schema creation and writes across
    // every process that shares the database. hashtext() turns a readable name into the lock key.
    private const string SchemaLockSql = "SELECT pg_advisory_xact_lock(hashtext('ArcActors.ReadModel.ReadStore.schema'))";
    internal const string WriteLockSql = "SELECT pg_advisory_xact_lock(hashtext('ArcActors.ReadModel.ReadStore.write'))";

    /// <summary>
    /// Opens the store in the PostgreSQL database that <paramref name="connectionString"/> (Npgsql format)
    /// names, creating its tables when missing. Several nodes may open and write the same database at once.
    /// The role needs CREATE on the database's <c>public</c> schema the first time, to create the tables.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is not a valid Npgsql connection string or names no host.</exception>
    /// <exception cref="InvalidOperationException">The server is unreachable, refuses the login, or the tables cannot be created.</exception>
    public static ReadStore OpenPostgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var builder = ParsePostgresConnectionString(connectionString);
        var store = new ReadStore(NpgsqlDataSource.Create(builder));
        try
        {
            using var connection = store.OpenConnection();
            CreatePostgresSchema(connection);
            return store;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // CREATE INDEX IF NOT EXISTS checks that the role owns the table before it looks for the index.
            store.Dispose();
            throw new InvalidOperationException(
                $"Could not open the PostgreSQL read store at {DescribeServer(builder)}: {EndSentence(exception.MessageText)} " +
                "Every cloud node must connect as the role that owns the read store's and the journal's tables, because each start " +
                "creates the missing ones and their indexes, which PostgreSQL allows only to their owner. Connect as that role.",
                exception);
        }
        catch (NpgsqlException exception)
        {
            store.Dispose();
            throw new InvalidOperationException(
                $"Could not open the PostgreSQL read store at {DescribeServer(builder)}: {EndSentence(exception.Message)} " +
                "Check that the server runs and accepts TCP connections from this machine on that host and port, " +
                "that the database exists, and that the user name and password are correct.",
                exception);
        }
    }

    private static NpgsqlConnectionStringBuilder ParsePostgresConnectionString(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            // The parser's message can quote part of a value, such as a password joined to the next keyword
            // by a missing '=', so neither it nor the inner exception goes into this exception.
            throw new ArgumentException(
                "The PostgreSQL connection string of the read store is not a valid Npgsql connection string (the parser's message is not shown, " +
                "because it can contain part of the password). Check that every part is Keyword=value and that a value containing ';' is quoted, " +
                "in the form 'Host=...;Port=5432;Database=...;Username=...;Password=...'.",
                nameof(connectionString));
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException(
                $"The PostgreSQL connection string of the read store names no host ({DescribeServer(builder)}). Add 'Host=<server name or address>'.",
                nameof(connectionString));
        }

        return builder;
    }

    // Npgsql messages may or may not end with a period; the next sentence follows after one.
    private static string EndSentence(string message) =>
        message.TrimEnd().EndsWith('.') ? message.TrimEnd() : message.TrimEnd() + ".";

    // Host, port, database and user only: the password and any other secret stay out of messages.
    private static string DescribeServer(NpgsqlConnectionStringBuilder builder) =>
        $"Host={builder.Host};Port={builder.Port};Database={builder.Database ?? "(default)"};Username={builder.Username ?? "(default)"}";

    // Two nodes that start at once would race on the system catalogs even with IF NOT EXISTS,
    // so the creation runs under an advisory lock.
    private static void CreatePostgresSchema(DbConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        connection.Execute(transaction, SchemaLockSql);
        connection.Execute(transaction, ReadStoreDialect.Postgres.Schema);
        transaction.Commit();
    }

    /// <summary>
    /// Takes the store-wide write lock of a PostgreSQL store until <paramref name="transaction"/> ends.
    /// SQLite needs none, because a SQLite file has one writer at a time anyway.
    /// </summary>
    private void LockWriters(DbConnection connection, DbTransaction transaction)
    {
        if (_dialect.IsPostgres)
        {
            connection.Execute(transaction, WriteLockSql);
        }
    }
}
