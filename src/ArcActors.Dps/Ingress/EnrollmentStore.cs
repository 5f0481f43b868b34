using System.Text;
using System.Text.Json;

namespace ArcActors.Dps.Ingress;

/// <summary>
/// Enrollment keys of host nodes: a JSON file in the cloud data folder that maps each host key id
/// to one machine (vmId) and the SHA-256 hash of the key. The key itself is returned once by
/// <see cref="Enroll"/> and never stored. Enrolling a machine again replaces its earlier keys, which
/// is how an operator revokes a leaked key. <see cref="Verify"/> reloads the file when it changed on
/// disk, so keys issued by <c>arcactors host enroll</c> work without restarting the ingress.
/// </summary>
/// <remarks>
/// Each cloud node reads its own file, so a cluster on SQLite needs the file copied to every dps node;
/// a cluster on PostgreSQL keeps the keys in the journal database instead (<see cref="PostgresEnrollmentStore"/>).
/// </remarks>
public sealed class EnrollmentStore : IEnrollmentStore
{
    /// <summary>Name of the store in the cloud data folder.</summary>
    public const string FileName = "host-enrollments.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly object _gate = new();
    private Dictionary<string, Entry> _byKeyId = new(StringComparer.Ordinal);
    private (DateTime WrittenAt, long Length)? _loadedVersion;

    public EnrollmentStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
    }

    public string FilePath { get; }

    public string Location => FilePath;

    /// <summary>Returns the store's path in <paramref name="dataDirectory"/>.</summary>
    public static string DefaultPath(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <inheritdoc />
    /// <exception cref="IOException">The file cannot be read or written, or another enrollment is writing it.</exception>
    /// <exception cref="InvalidDataException">The file exists but is not a valid enrollment store.</exception>
    public IssuedKey Enroll(Guid vmId, DateTimeOffset at)
    {
        if (vmId == Guid.Empty)
        {
            throw new ArgumentException("vmId is the empty GUID; give the machine's vmId.", nameof(vmId));
        }

        var (keyId, key) = EnrollmentKeys.Create();
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);

        using (LockFile())
        {
            var entries = ReadFile().Hosts;
            var replaced = entries.Count(entry => entry.VmId == vmId);
            var updated = entries.Where(entry => entry.VmId != vmId).ToList();
            updated.Add(new Entry(keyId, vmId, EnrollmentKeys.HashHex(key), at));
            WriteFile(new StoreFile(updated));
            return new IssuedKey(keyId, key, vmId, replaced);
        }
    }

    /// <summary>
    /// Returns the machine enrolled with <paramref name="hostKeyId"/> when <paramref name="key"/> is its key,
    /// or null when the key id is unknown or the key does not match. The hashes are compared in constant time.
    /// </summary>
    /// <exception cref="IOException">The file changed on disk and cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file changed on disk and is not a valid enrollment store.</exception>
    public Guid? Verify(string hostKeyId, string key)
    {
        ReloadIfChanged();

        Entry? entry;
        lock (_gate)
        {
            _byKeyId.TryGetValue(hostKeyId ?? "", out entry);
        }

        return EnrollmentKeys.Matches(key, entry?.KeySha256) ? entry!.VmId : null;
    }

    private void ReloadIfChanged()
    {
        var info = new FileInfo(FilePath);
        (DateTime, long)? version = info.Exists ? (info.LastWriteTimeUtc, info.Length) : null;
        lock (_gate)
        {
            if (version == _loadedVersion && _loadedVersion is not null)
            {
                return;
            }

            _byKeyId = ReadFile().Hosts.ToDictionary(entry => entry.HostKeyId, StringComparer.Ordinal);
            _loadedVersion = version;
        }
    }

    private StoreFile ReadFile()
    {
        if (!File.Exists(FilePath))
        {
            return new StoreFile([]);
        }

        try
        {
            var file = JsonSerializer.Deserialize<StoreFile>(File.ReadAllBytes(FilePath), JsonOptions);
            return file?.Hosts is null
                ? throw new InvalidDataException($"enrollment store {FilePath} contains no 'hosts' list; restore it from a backup or delete it and enroll the hosts again.")
                : file;
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(
                $"enrollment store {FilePath} is not valid JSON ({exception.Message}); restore it from a backup or delete it and enroll the hosts again.", exception);
        }
    }

    // Writes a temporary file and renames it over the store, so a reader never sees half a file.
    private void WriteFile(StoreFile file)
    {
        var temporary = FilePath + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, file, JsonOptions);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }

    private FileStream LockFile()
    {
        var lockPath = FilePath + ".lock";
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException exception)
        {
            throw new IOException($"enrollment store {FilePath} is locked by another enrollment ({lockPath}); run the command again when it has finished.", exception);
        }
    }

    /// <summary>A key issued by <see cref="Enroll"/>; <see cref="Key"/> exists only here, so print it once and drop it.</summary>
    /// <param name="ReplacedKeys">Earlier keys of the same machine that stopped working.</param>
    public sealed record IssuedKey(string HostKeyId, string Key, Guid VmId, int ReplacedKeys)
    {
        private bool PrintMembers(StringBuilder builder)
        {
            builder.Append($"HostKeyId = {HostKeyId}, Key = <redacted>, VmId = {VmId}, ReplacedKeys = {ReplacedKeys}");
            return true;
        }
    }

    private sealed record StoreFile(List<Entry> Hosts);

    private sealed record Entry(string HostKeyId, Guid VmId, string KeySha256, DateTimeOffset EnrolledAt);
}
