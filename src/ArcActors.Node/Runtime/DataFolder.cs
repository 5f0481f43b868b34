namespace ArcActors.Node.Runtime;

/// <summary>Where an embedded node keeps its files: journal, read store and usage outbox.</summary>
public sealed record DataFolder(string Root)
{
    public string JournalPath => Path.Combine(Root, "journal.db");
    public string ReadStorePath => Path.Combine(Root, "readstore.db");
    public string OutboxPath => Path.Combine(Root, "host-outbox.db");

    public static DataFolder Create(string root)
    {
        var full = Path.GetFullPath(root);
        Directory.CreateDirectory(full);
        return new DataFolder(full);
    }
}
