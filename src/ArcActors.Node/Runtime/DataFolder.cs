namespace ArcActors.Node.Runtime;

/// <summary>
/// Where an embedded node keeps its files: journal, read store and usage outbox. The folder is
/// locked while a node uses it, because two processes writing one journal would corrupt it.
/// </summary>
public sealed class DataFolder : IDisposable
{
    private const string LockFileName = "arcactors.lock";
    private const string FleetFileName = "fleet-scope.txt";

    private readonly FileStream _lock;

    private DataFolder(string root, FileStream lockFile)
    {
        Root = root;
        _lock = lockFile;
    }

    public string Root { get; }
    public string JournalPath => Path.Combine(Root, "journal.db");
    public string ReadStorePath => Path.Combine(Root, "readstore.db");
    public string OutboxPath => Path.Combine(Root, "host-outbox.db");

    /// <summary>Creates the folder if needed and locks it; throws <see cref="IOException"/> naming the folder when it cannot.</summary>
    public static DataFolder Open(string root)
    {
        var full = Path.GetFullPath(root);
        if (File.Exists(full))
        {
            throw new IOException($"data folder {full} is a file; give a folder with --data.");
        }

        Directory.CreateDirectory(full);
        var lockPath = Path.Combine(full, LockFileName);
        try
        {
            var lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            return new DataFolder(full, lockFile);
        }
        catch (IOException exception) when (exception is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new IOException($"data folder {full} is in use by another arcactors process, which has locked {lockPath}; stop that process or give another folder with --data.", exception);
        }
    }

    /// <summary>
    /// Ties the folder to one fleet (its subscription and resource group), so that running another
    /// fleet on the same folder is rejected instead of mixing the two fleets' resources and billing.
    /// </summary>
    public void ClaimFor(ArcActors.Simulation.Fleets.Fleet fleet)
    {
        var identity = $"{fleet.SubscriptionId:D}/{fleet.ResourceGroup}";
        var path = Path.Combine(Root, FleetFileName);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, identity + "\n");
            return;
        }

        var claimed = File.ReadAllText(path).Trim();
        if (!string.Equals(claimed, identity, StringComparison.OrdinalIgnoreCase))
        {
            throw new IOException($"data folder {Root} belongs to the fleet with subscription/resource group '{claimed}', not '{identity}'; give another folder with --data or delete this one.");
        }
    }

    public void Dispose() => _lock.Dispose();
}
