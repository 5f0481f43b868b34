using ArcActors.ReadModel;
using ArcActors.Tests.Postgres;

namespace ArcActors.ReadModel.Tests;

/// <summary>
/// A read store for one test and a fresh temporary folder, both deleted on dispose. On SQLite the store
/// is a file in the folder. On PostgreSQL it is a database of its own on the server that
/// <see cref="PostgresDatabase.ServerVariable"/> names.
/// </summary>
internal sealed class TempStore : IDisposable
{
    private readonly PostgresDatabase? _database;

    public TempStore(StoreProvider provider = StoreProvider.Sqlite)
    {
        Folder = Path.Combine(Path.GetTempPath(), "arcactors-readmodel-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "read.db");
        if (provider == StoreProvider.Postgres)
        {
            _database = PostgresDatabase.Create();
        }

        Store = OpenAnother();
    }

    public string Folder { get; }

    /// <summary>Path of the SQLite file; unused on PostgreSQL.</summary>
    public string FilePath { get; }

    /// <summary>Connection string of the PostgreSQL database, or null on SQLite.</summary>
    public string? ConnectionString => _database?.ConnectionString;

    public ReadStore Store { get; private set; }

    /// <summary>Closes the store and opens the same file or database again.</summary>
    public ReadStore Reopen()
    {
        Store.Dispose();
        Store = OpenAnother();
        return Store;
    }

    /// <summary>Opens a second store on the same file or database; the caller disposes it.</summary>
    public ReadStore OpenAnother() =>
        _database is null ? ReadStore.Open(FilePath) : ReadStore.OpenPostgres(_database.ConnectionString);

    public void Dispose()
    {
        Store.Dispose();
        _database?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // NOTE: a pooled handle released late can keep the file open, and then the folder stays in the temp directory.
        }
    }
}
