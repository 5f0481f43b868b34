using System.Text;
using ArcActors.Simulation.Fleets.Parsing;

namespace ArcActors.Simulation.Fleets;

/// <summary>Reads fleet files. Parsing returns a complete, validated <see cref="Fleet"/> or throws. It never writes.</summary>
public static class FleetFile
{
    /// <summary>
    /// Largest fleet file read, 64 MiB. Larger files are rejected before parsing, because parsing keeps
    /// the text, its YAML tree and the fleet in memory at once: a 200 MB file took 2.6 GB to reject.
    /// </summary>
    public const long MaximumBytes = 64L * 1024 * 1024;

    /// <summary>Reads and parses the fleet file at <paramref name="path"/>.</summary>
    /// <exception cref="FleetFileException">
    /// The file is not a valid fleet file. A missing or unreadable file, a folder, or a file larger than
    /// <see cref="MaximumBytes"/> is reported at line 0.
    /// </exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Fleet Load(string path) => Load(path, MaximumBytes);

    /// <summary>Parses fleet file text. <paramref name="fileName"/> only names the file in error messages.</summary>
    /// <exception cref="FleetFileException">The text is not a valid fleet file.</exception>
    public static Fleet Parse(string text, string fileName) => new FleetParser(fileName).Parse(text);

    /// <summary>Reads and parses a fleet file of at most <paramref name="maximumBytes"/> bytes.</summary>
    internal static Fleet Load(string path, long maximumBytes)
    {
        if (Directory.Exists(path))
        {
            throw new FleetFileException(path, 0, path, $"'{path}' is a folder, not a fleet file", "give the path of a fleet file such as fleets/sample.yaml");
        }

        string text;
        try
        {
            text = ReadText(path, maximumBytes);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FleetFileException(path, 0, path, $"fleet file '{Path.GetFullPath(path)}' does not exist",
                "check the --fleet path, for example --fleet fleets/sample.yaml", exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new FleetFileException(path, 0, path, $"fleet file '{Path.GetFullPath(path)}' cannot be read: access denied",
                "give a fleet file your user can read with --fleet, or change its permissions", exception);
        }

        return Parse(text, path);
    }

    /// <summary>
    /// Reads at most <paramref name="maximumBytes"/> bytes as text. It counts the bytes read instead
    /// of trusting the file length, because devices such as /dev/zero report a length of 0 and never end.
    /// </summary>
    private static string ReadText(string path, long maximumBytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (file.CanSeek && file.Length > maximumBytes)
        {
            throw TooLarge(path, maximumBytes);
        }

        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, maximumBytes + 1 - content.Length))) > 0)
        {
            content.Write(buffer, 0, read);
            if (content.Length > maximumBytes)
            {
                throw TooLarge(path, maximumBytes);
            }
        }

        return Decode(path, content.GetBuffer().AsSpan(0, (int)content.Length));
    }

    /// <summary>
    /// Decodes UTF-8, or UTF-16 or UTF-32 when the file starts with their byte order mark. Invalid UTF-8 is rejected with
    /// the line of its first bad byte instead of being replaced by U+FFFD, which would change names silently.
    /// </summary>
    private static string Decode(string path, ReadOnlySpan<byte> bytes)
    {
        var encoding = DetectByteOrderMark(bytes, out var markLength) ?? StrictUtf8;
        var body = bytes[markLength..];
        try
        {
            return encoding.GetString(body);
        }
        catch (DecoderFallbackException exception)
        {
            if (encoding != StrictUtf8)
            {
                throw new FleetFileException(path, 0, path, $"'{path}' is not valid {encoding.WebName.ToUpperInvariant()}", "save the fleet file as UTF-8", exception);
            }

            var line = body[..Math.Clamp(exception.Index, 0, body.Length)].Count((byte)'\n') + 1;
            throw new FleetFileException(path, line, path, $"line {line} is not valid UTF-8", "save the fleet file as UTF-8", exception);
        }
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static Encoding? DetectByteOrderMark(ReadOnlySpan<byte> bytes, out int markLength)
    {
        (Encoding Encoding, byte[] Mark)[] marks =
        [
            (StrictUtf8, [0xEF, 0xBB, 0xBF]),
            (new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: true), [0xFF, 0xFE, 0x00, 0x00]),
            (new UTF32Encoding(bigEndian: true, byteOrderMark: true, throwOnInvalidCharacters: true), [0x00, 0x00, 0xFE, 0xFF]),
            (new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true), [0xFF, 0xFE]),
            (new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true), [0xFE, 0xFF]),
        ];

        foreach (var (encoding, mark) in marks)
        {
            if (bytes.StartsWith(mark))
            {
                markLength = mark.Length;
                return encoding;
            }
        }

        markLength = 0;
        return null;
    }

    private static FleetFileException TooLarge(string path, long maximumBytes) =>
        new(path, 0, path, $"'{path}' is larger than the maximum fleet file size of {Size(maximumBytes)}",
            "split the fleet into several files of at most that size, or check that the path names a fleet file and not a device or a log");

    private static string Size(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB ({bytes} bytes)" : $"{bytes} bytes";
}
