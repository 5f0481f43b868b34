using System.Security.Cryptography;

namespace ArcActors.Arm.Auth;

/// <summary>
/// The HMAC-SHA256 key that signs and checks API bearer tokens. The key file contains the key bytes as
/// base64 text, at least <see cref="MinimumBytes"/> of them. The key itself is never exposed, logged or
/// put in a message.
/// </summary>
public sealed class TokenKey
{
    /// <summary>Name of the key file in the data folder.</summary>
    public const string FileName = "api-token.key";

    /// <summary>Minimum key length in bytes: the HMAC-SHA256 output size, as RFC 7518 section 3.2 requires for HS256.</summary>
    public const int MinimumBytes = 32;

    private readonly byte[] _bytes;

    private TokenKey(string path, byte[] bytes)
    {
        FilePath = path;
        _bytes = bytes;
    }

    /// <summary>Full path of the key file.</summary>
    public string FilePath { get; }

    /// <summary>Returns the default key file path, <c>api-token.key</c> in <paramref name="dataFolder"/>.</summary>
    public static string DefaultPath(string dataFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        return Path.Combine(Path.GetFullPath(dataFolder), FileName);
    }

    /// <summary>
    /// Loads the key file at <paramref name="path"/>, or first creates it with <see cref="MinimumBytes"/>
    /// random bytes when it is missing. On Unix a new file gets mode 0600 (owner read and write only).
    /// </summary>
    /// <exception cref="TokenKeyException">The file cannot be created or read, or contains no valid key.</exception>
    public static TokenKey LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        var full = Path.GetFullPath(path);
        // A folder at the path is left for Load to report as unreadable.
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            TryCreate(full);
        }

        return Load(full);
    }

    /// <summary>Loads an existing key file.</summary>
    /// <exception cref="TokenKeyException">The file is missing or unreadable, is not base64 text, or contains fewer than <see cref="MinimumBytes"/> bytes.</exception>
    public static TokenKey Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        var full = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full).Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new TokenKeyException(
                $"The token key file '{full}' cannot be read ({exception.GetType().Name}: {exception.Message}). "
                + "Make it readable by this user, or point --key-file at another key file.", exception);
        }

        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var length))
        {
            throw new TokenKeyException(
                $"The token key file '{full}' is not base64 text. {FixHint(full)}");
        }

        if (length < MinimumBytes)
        {
            throw new TokenKeyException(
                $"The token key file '{full}' contains a {length}-byte key, shorter than the minimum of {MinimumBytes} bytes. {FixHint(full)}");
        }

        return new TokenKey(full, buffer[..length]);
    }

    /// <summary>Computes the HMAC-SHA256 of <paramref name="data"/> with this key.</summary>
    internal byte[] Sign(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_bytes, data);

    private static string FixHint(string path) =>
        $"Write at least {MinimumBytes} random bytes as base64 to it (for example 'openssl rand -base64 32 > {path}'), "
        + "or delete it so that a new key is created. Tokens signed with the old key stop working either way.";

    // Writes the key to a private temporary file first and then moves it into place without overwriting,
    // so a reader never sees a half-written key, and two processes creating the key at once agree on one.
    private static void TryCreate(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            var key = RandomNumberGenerator.GetBytes(MinimumBytes);
            using (var stream = new FileStream(temporary, CreateOptions()))
            using (var writer = new StreamWriter(stream))
            {
                writer.WriteLine(Convert.ToBase64String(key));
            }

            CryptographicOperations.ZeroMemory(key);
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the key first, and Load reads that one.
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new TokenKeyException(
                $"The token key file '{path}' cannot be created ({exception.GetType().Name}: {exception.Message}). "
                + "Give a writable data folder, or point --key-file at an existing key file.", exception);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static FileStreamOptions CreateOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
