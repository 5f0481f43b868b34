using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ArcActors.Simulation.Fleets.Parsing;

/// <summary>
/// Reads the YAML event stream of a fleet file into a <see cref="YamlTreeNode"/> tree in one pass.
/// It rejects nesting deeper than <see cref="MaximumDepth"/>, more than one document, a key given
/// twice in one map, and anchors and aliases, because an alias bomb expands exponentially and
/// fleet files need neither.
/// </summary>
internal static class YamlTreeLoader
{
    /// <summary>Deepest nesting of maps and lists accepted. A real fleet file nests about 8 levels.</summary>
    public const int MaximumDepth = 64;

    /// <summary>Scalars up to this length are shared between nodes: keys and values such as ONLINE repeat thousands of times.</summary>
    private const int SharedScalarLength = 64;

    private const string SyntaxFix = "check the YAML syntax near that line";

    public static YamlTreeNode Load(ParseContext context, string text)
    {
        var parser = new Parser(new StringReader(text));
        var builder = new Builder(context);
        var lastLine = 1;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                lastLine = Line(current.Start);
                RejectAnchor(context, current);
                builder.Add(current, lastLine, text);
            }
        }
        catch (Exception exception) when (IsYamlDotNetFailure(exception))
        {
            throw SyntaxError(context, text, exception, lastLine);
        }

        return builder.Root ?? throw context.Error(1, "", "the fleet file is empty",
            "write a fleet with subscriptionId, resourceGroup, start and hosts");
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
        if (exception is YamlException)
        {
            return new FleetFileException(context.FileName, line, snippet, $"invalid YAML at '{snippet}': {exception.Message.TrimEnd('.')}", SyntaxFix, exception);
        }

        // YamlDotNet's own message for these names its internals, not the YAML, so it is left out.
        return new FleetFileException(context.FileName, line, snippet, $"invalid YAML at or after '{snippet}', for example a '[' or '{{' that is not closed",
            "close each '[' with ']' and each '{' with '}' on the same entry, and check the indentation of the lines after it", exception);
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
        var info = new System.Globalization.StringInfo(content);
        return info.LengthInTextElements <= 60 ? content : $"{info.SubstringByTextElements(0, 60)}…";
    }

    private static int Line(Mark mark) => (int)Math.Max(1, mark.Line);

    /// <summary>Builds the tree from parser events, keeping the open maps and lists on a stack.</summary>
    private sealed class Builder(ParseContext context)
    {
        private readonly Stack<Open> _open = new();
        private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);
        private int _documents;

        public YamlTreeNode? Root { get; private set; }

        public void Add(ParsingEvent current, int line, string text)
        {
            switch (current)
            {
                case DocumentStart when ++_documents > 1:
                    throw context.Error(line, "---", "the fleet file contains a second YAML document, starting at '---'",
                        "keep one fleet per file, and remove the '---' line");
                case Scalar scalar:
                    Attach(new YamlTreeScalar(line, Share(scalar.Value), scalar.Style is ScalarStyle.Plain or ScalarStyle.Any));
                    break;
                case MappingStart:
                    Push(new YamlTreeMap(line), line, text);
                    break;
                case SequenceStart:
                    Push(new YamlTreeList(line), line, text);
                    break;
                case MappingEnd or SequenceEnd:
                    _open.Pop();
                    break;
            }
        }

        private void Push(YamlTreeNode node, int line, string text)
        {
            Attach(node);
            _open.Push(new Open(node));
            if (_open.Count > MaximumDepth)
            {
                var snippet = LineText(text, line);
                throw context.Error(line, snippet, $"the map or list at '{snippet}' is nested more than {MaximumDepth} levels deep",
                    "flatten the structure, because a fleet file needs about 8 levels");
            }
        }

        private void Attach(YamlTreeNode node)
        {
            if (!_open.TryPeek(out var parent))
            {
                Root = node;
                return;
            }

            if (parent.Node is YamlTreeList list)
            {
                list.Items.Add(node);
            }
            else if (parent.PendingKey is null)
            {
                if (node is YamlTreeScalar key && !parent.Keys.Add(key.Value))
                {
                    throw context.Error(key.Line, key.Value, $"the key '{key.Value}' appears twice in the same map",
                        $"keep one '{key.Value}:' line in that map");
                }

                parent.PendingKey = node;
            }
            else
            {
                ((YamlTreeMap)parent.Node).Entries.Add(new(parent.PendingKey, node));
                parent.PendingKey = null;
            }
        }

        private string Share(string value)
        {
            if (value.Length > SharedScalarLength)
            {
                return value;
            }

            if (_shared.TryGetValue(value, out var shared))
            {
                return shared;
            }

            _shared[value] = value;
            return value;
        }
    }

    private sealed class Open(YamlTreeNode node)
    {
        public YamlTreeNode Node { get; } = node;
        public YamlTreeNode? PendingKey { get; set; }
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    }
}
