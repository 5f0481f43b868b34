using ArcActors.ReadModel;

namespace ArcActors.ReadModel.Tests;

/// <summary>A read store in a fresh temporary folder, deleted with the folder on dispose.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "arcactors-readmodel-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "read.db");
        Store = ReadStore.Open(FilePath);
    }

    public string Folder { get; }

    public string FilePath { get; }

    public ReadStore Store { get; private set; }

    /// <summary>Closes the store and opens the same file again.</summary>
    public ReadStore Reopen()
    {
        Store.Dispose();
        Store = ReadStore.Open(FilePath);
        return Store;
    }

    public void Dispose()
    {
        Store.Dispose();
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
