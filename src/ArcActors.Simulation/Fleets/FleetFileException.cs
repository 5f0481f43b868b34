using ArcActors.Contracts;

namespace ArcActors.Simulation.Fleets;

/// <summary>
/// A fleet file that cannot be loaded. The message reads
/// <c>{file}:{line}: {what is wrong with which value}. {how to fix it}</c>. Control characters and
/// unpaired surrogates from the file appear in every text property as <c>\uXXXX</c>
/// escapes, so printing the message cannot send terminal control sequences.
/// </summary>
public sealed class FleetFileException : Exception
{
    public FleetFileException(string file, int line, string value, string problem, string fix, Exception? innerException = null)
        : base(NameRules.Escape($"{file}:{line}: {problem}; {fix}"), innerException)
    {
        File = file;
        Line = line;
        Value = NameRules.Escape(value);
        Problem = NameRules.Escape(problem);
        Fix = NameRules.Escape(fix);
    }

    /// <summary>File name as the caller passed it.</summary>
    public string File { get; }

    /// <summary>1-based line of the offending key or value, or 0 when the file itself cannot be read as a fleet file.</summary>
    public int Line { get; }

    /// <summary>The offending value, or the key name when a key is unknown or missing, with control characters escaped.</summary>
    public string Value { get; }

    public string Problem { get; }
    public string Fix { get; }
}
