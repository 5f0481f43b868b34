namespace ArcActors.Bench;

/// <summary>Paths of one benchmark run: the generated fleet file, the simulation's data folder and its output folder.</summary>
public sealed record WorkFolder(string Root)
{
    public string FleetPath => Path.Combine(Root, "fleet.yaml");
    public string DataDirectory => Path.Combine(Root, "data");
    public string OutDirectory => Path.Combine(Root, "out");
    public string JournalPath => Path.Combine(DataDirectory, "journal.db");
    public string ReadStorePath => Path.Combine(DataDirectory, "readstore.db");
    public string BillingPath => Path.Combine(OutDirectory, "billing.jsonl");
    public string ResourcesPath => Path.Combine(OutDirectory, "resources.json");

    /// <summary>
    /// Creates the folder. Rejects a folder that contains an earlier run's journal, because the
    /// simulation would append to it and every event count would be wrong.
    /// </summary>
    public static WorkFolder Create(string path)
    {
        var folder = new WorkFolder(Path.GetFullPath(path));
        if (File.Exists(folder.JournalPath))
        {
            throw new BenchArgumentException(
                $"work folder {folder.Root} already holds {folder.JournalPath} from an earlier run; delete the folder or pass another --work.");
        }

        Directory.CreateDirectory(folder.Root);
        return folder;
    }
}
