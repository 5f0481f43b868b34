using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ArcActors.Simulation.Fleets.Parsing;

/// <summary>
/// Checks the YAML event stream of a fleet file before the representation model is built. It
/// rejects nesting deeper than <see cref="MaximumDepth"/>, because building the model recurses
/// once per level, and it rejects anchors and aliases, because an alias bomb expands
/// exponentially and fleet files need neither.
/// </summary>
internal static class YamlEventScanner
{
    /// <summary>Deepest nesting of maps and lists accepted. A real fleet file nests about 8 levels.</summary>
    public const int MaximumDepth = 64;

    private const string SyntaxFix = "check the YAML syntax near that line";

    public static void Check(ParseContext context, string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var lastLine = 1;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                lastLine = Line(current.Start);
                RejectAnchor(context, current);
                depth += current switch
                {
                    MappingStart or SequenceStart => 1,
                    MappingEnd or SequenceEnd => -1,
                    _ => 0,
                };

                if (depth > MaximumDepth)
                {
                    var snippet = LineText(text, lastLine);
                    throw context.Error(lastLine, snippet, $"the map or list at '{snippet}' is nested more than {MaximumDepth} levels deep",
                        "flatten the structure, because a fleet file needs about 8 levels");
                }
            }
        }
        catch (Exception exception) when (IsYamlDotNetFailure(exception))
        {
            throw SyntaxError(context, text, exception, lastLine);
        }
    }

    /// <summary>
    /// Returns true for the exceptions YamlDotNet 18.1 throws on bad input. It throws
    /// <see cref="YamlException"/> for most syntax errors, but also <see cref="InvalidOperationException"/>
    /// from its scanner, for example on an unclosed '[' followed by a 'key:' line.
    /// </summary>
    public static bool IsYamlDotNetFailure(Exception exception) =>
        exception is YamlException or InvalidOperationException or ArgumentException or FormatException or OverflowException;

    /// <summary>
    /// Converts a YamlDotNet exception into a <see cref="FleetFileException"/> at the best line known:
    /// the start of the token YamlDotNet reports, or the line of the tab it complains about, or
    /// <paramref name="fallbackLine"/> when the exception carries no position.
    /// </summary>
    public static FleetFileException SyntaxError(ParseContext context, string text, Exception exception, int fallbackLine)
    {
        var line = exception is YamlException yaml ? YamlLine(text, yaml) : fallbackLine;
        var snippet = LineText(text, line);
        var problem = exception is YamlException
            ? $"invalid YAML at '{snippet}': {exception.Message.TrimEnd('.')}"
            : $"invalid YAML at or after '{snippet}', such as an unclosed '[' or '{{' (YamlDotNet failed with {exception.GetType().Name})";

        return new FleetFileException(context.FileName, line, snippet, problem, SyntaxFix, exception);
    }

    private static void RejectAnchor(ParseContext context, ParsingEvent current)
    {
        var name = current switch
        {
            AnchorAlias alias => $"*{alias.Value}",
            NodeEvent { Anchor.IsEmpty: false } node => $"&{node.Anchor}",
            _ => null,
        };

        if (name is not null)
        {
            throw context.Error(Line(current.Start), name, $"anchors and aliases are not supported in fleet files, and '{name}' is one",
                "write the values out");
        }
    }

    /// <summary>
    /// Returns the line of a YamlDotNet error. For a tab error YamlDotNet 18.1 reports the start of the
    /// token before the tab, often the line above it, so this looks for the tab in the indentation
    /// of the lines from there to the end mark.
    /// </summary>
    private static int YamlLine(string text, YamlException exception)
    {
        var start = Line(exception.Start);
        if (!exception.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            return start;
        }

        var lines = text.Split('\n');
        var last = Math.Min(lines.Length, Math.Max(start, Line(exception.End)) + 1);
        for (var line = start; line <= last; line++)
        {
            var indentation = lines[line - 1][..(lines[line - 1].Length - lines[line - 1].TrimStart(' ', '\t').Length)];
            if (indentation.Contains('\t'))
            {
                return line;
            }
        }

        return start;
    }

    private static string LineText(string text, int line)
    {
        var lines = text.Split('\n');
        var content = line >= 1 && line <= lines.Length ? lines[line - 1].Trim() : "";
        return content.Length <= 60 ? content : $"{content[..60]}…";
    }

    private static int Line(Mark mark) => (int)Math.Max(1, mark.Line);
}
