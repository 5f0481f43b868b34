using System.Text;
using ArcActors.Simulation.Fleets.Parsing;

namespace ArcActors.Simulation.Fleets;

/// <summary>Reads fleet files. Parsing returns a complete, validated <see cref="Fleet"/> or throws. It never writes.</summary>
public static class FleetFile
{
    /// <summary>Largest fleet file read, 256 MiB. Larger files are rejected before parsing.</summary>
    public const long MaximumBytes = 256L * 1024 * 1024;

    /// <summary>Reads and parses the fleet file at <paramref name="path"/>.</summary>
    /// <exception cref="FleetFileException">
    /// The file is not a valid fleet file. A folder, or a file larger than <see cref="MaximumBytes"/>, is reported at line 0.
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

        return Parse(ReadText(path, maximumBytes), path);
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

        content.Position = 0;
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static FleetFileException TooLarge(string path, long maximumBytes) =>
        new(path, 0, path, $"'{path}' is larger than the maximum fleet file size of {maximumBytes} bytes",
            "split the fleet, or check that the path names a fleet file and not a device or a log");
}
