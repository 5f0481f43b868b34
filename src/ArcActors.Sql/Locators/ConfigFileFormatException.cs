namespace ArcActors.Sql.Locators;

/// <summary>A configuration file a locator reads is malformed; the message names the file, the line and the fix.</summary>
public sealed class ConfigFileFormatException : FormatException
{
    public ConfigFileFormatException(string path, int lineNumber, string problem)
        : base($"{path} line {lineNumber}: {problem}")
    {
        Path = path;
        LineNumber = lineNumber;
    }

    public string Path { get; }

    /// <summary>Line number, counted from 1.</summary>
    public int LineNumber { get; }
}
