using System.Globalization;

namespace ArcActors.Simulation.Fleets.Parsing;

/// <summary>
/// Reads the keys of one YAML mapping with type checks. Opening a reader rejects unknown keys;
/// each typed read returns null for an absent key and throws <see cref="FleetFileException"/>
/// with the value's line for a value of the wrong type or out of range.
/// </summary>
internal sealed class YamlMapReader
{
    private static readonly HashSet<string> NullScalars = ["", "~", "null", "Null", "NULL"];

    private readonly Dictionary<string, KeyValuePair<YamlTreeNode, YamlTreeNode>> _entries = new(StringComparer.Ordinal);

    private YamlMapReader(ParseContext context, YamlTreeMap node, string table)
    {
        Context = context;
        Node = node;
        Table = table;
    }

    public ParseContext Context { get; }
    public YamlTreeMap Node { get; }

    /// <summary>What the mapping is, for messages: "host", "instance", "database options" and so on.</summary>
    public string Table { get; }

    public int Line => ParseContext.LineOf(Node);

    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>Opens a mapping and rejects keys outside <paramref name="allowedKeys"/>.</summary>
    public static YamlMapReader Open(ParseContext context, YamlTreeNode node, string table, IReadOnlyList<string> allowedKeys)
    {
        var reader = OpenAny(context, node, table);
        foreach (var key in reader.Keys)
        {
            if (!allowedKeys.Contains(key, StringComparer.Ordinal))
            {
                throw context.Error(reader.KeyNode(key), key, $"unknown key '{key}' in {table}",
                    $"use one of: {string.Join(", ", allowedKeys)}");
            }
        }

        return reader;
    }

    /// <summary>Opens a mapping without checking its keys. The caller checks them.</summary>
    public static YamlMapReader OpenAny(ParseContext context, YamlTreeNode node, string table)
    {
        if (node is not YamlTreeMap mapping)
        {
            throw context.Error(node, Describe(node), $"{table} must be a map of keys, not {Describe(node)}",
                "write it as 'key: value' lines or a { key: value } map");
        }

        var reader = new YamlMapReader(context, mapping, table);
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not YamlTreeScalar { Value: var key })
            {
                throw context.Error(entry.Key, Describe(entry.Key), $"a key in {table} is not plain text",
                    "use plain names as keys");
            }

            reader._entries[key] = entry;
        }

        return reader;
    }

    public bool Has(string key) => Value(key) is not null;

    public YamlTreeNode KeyNode(string key) => _entries[key].Key;

    /// <summary>Returns the value node of a key, or null when the key is absent or its value is null.</summary>
    public YamlTreeNode? Value(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.Value is YamlTreeScalar { Plain: true } scalar && NullScalars.Contains(scalar.Value))
        {
            return null;
        }

        return entry.Value;
    }

    /// <summary>Returns the node of a key for error positions: its value when present, else the mapping.</summary>
    public YamlTreeNode PositionOf(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : Node;

    public FleetFileException Error(string key, string value, string problem, string fix) =>
        Context.Error(PositionOf(key), value, problem, fix);

    public string? String(string key) => Scalar(key, "a text value", "\"text\"");

    /// <summary>
    /// Returns the text of a scalar value, or null when the key is absent. A list or map is rejected
    /// with a fix that shows <paramref name="example"/>, so a number key suggests a number.
    /// </summary>
    private string? Scalar(string key, string expected, string example)
    {
        var node = Value(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlTreeScalar scalar)
        {
            throw Error(key, Describe(node), $"'{key}' in {Table} must be {expected}, not {Describe(node)}",
                $"write a single value, for example {key}: {example}");
        }

        return scalar.Value;
    }

    /// <summary>Reads a text value that must not be empty or blank.</summary>
    public string? Name(string key)
    {
        var text = String(key);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            throw Error(key, text, $"'{key}' in {Table} is empty", $"give a {key}");
        }

        return text;
    }

    public T Require<T>(T? value, string key, string example) where T : class =>
        value ?? throw MissingKey(key, example);

    public T Require<T>(T? value, string key, string example) where T : struct =>
        value ?? throw MissingKey(key, example);

    /// <summary>
    /// Returns the error for a required key without a value: at the key's line when the key is there
    /// with a null value (<c>hosts: null</c>, <c>hosts: ~</c>, <c>hosts:</c>), else at the mapping's line.
    /// </summary>
    public FleetFileException MissingKey(string key, string example)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            return Context.Error(entry.Key, key, $"'{key}' in {Table} is null", $"give a value, for example {example}");
        }

        return Context.Error(Node, key, $"{Table} is missing the required key '{key}'", $"add it, for example {example}");
    }

    /// <summary>Reads a whole number from <paramref name="minimum"/> to <paramref name="maximum"/>; <paramref name="fix"/> is the advice shown for an invalid one.</summary>
    public int? Int(string key, int minimum, string fix, int maximum = int.MaxValue)
    {
        var value = Long(key, minimum, fix, maximum);
        return value is null ? null : (int)value.Value;
    }

    /// <summary>Reads a whole number from <paramref name="minimum"/> to <paramref name="maximum"/>; <paramref name="fix"/> is the advice shown for an invalid one.</summary>
    public long? Long(string key, long minimum, string fix, long maximum = long.MaxValue)
    {
        var example = Math.Max(minimum, 1).ToString(CultureInfo.InvariantCulture);
        var text = Scalar(key, "a whole number", example);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (IsDigits(text))
            {
                throw TooLarge(key, text, maximum, fix);
            }

            throw Error(key, text, $"'{key}' in {Table} must be a whole number, not '{text}'", $"write a number such as {key}: {example}");
        }

        if (value < minimum)
        {
            throw Error(key, text, $"'{key}' {value} in {Table} must be at least {minimum}", fix);
        }

        if (value > maximum)
        {
            throw TooLarge(key, text, maximum, fix);
        }

        return value;
    }

    public double? Double(string key, double minimum, string fix)
    {
        var text = Scalar(key, "a number", "1024");
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(key, text, $"'{key}' in {Table} must be a number, not '{text}'", $"write a number such as {key}: 1024");
        }

        if (value < minimum)
        {
            throw Error(key, text, $"'{key}' {text} in {Table} must be at least {minimum}", fix);
        }

        return value;
    }

    public bool? Bool(string key)
    {
        var text = Scalar(key, "true or false", "true");
        if (text is null)
        {
            return null;
        }

        if (!bool.TryParse(text, out var value))
        {
            throw Error(key, text, $"'{key}' in {Table} must be true or false, not '{text}'", $"write {key}: true or {key}: false");
        }

        return value;
    }

    public Guid? Guid(string key)
    {
        var text = Scalar(key, "a GUID", "3b55f041-58d7-4307-b59a-c390da3fb077");
        if (text is null)
        {
            return null;
        }

        if (!System.Guid.TryParseExact(text, "D", out var value))
        {
            throw Error(key, text, $"'{key}' in {Table} must be a GUID, not '{text}'",
                "write it as 8-4-4-4-12 hexadecimal digits, for example 3b55f041-58d7-4307-b59a-c390da3fb077");
        }

        return value;
    }

    public DateTimeOffset? Timestamp(string key)
    {
        var text = Scalar(key, "a UTC timestamp", "2026-11-30T00:00:00Z");
        if (text is null)
        {
            return null;
        }

        if (!FleetTime.TryParseTimestamp(text, out var value))
        {
            throw Error(key, text, $"'{key}' in {Table} must be a UTC timestamp, not '{text}'",
                $"write an ISO 8601 time with its offset, for example {key}: 2026-11-30T00:00:00Z");
        }

        return value;
    }

    /// <summary>Reads one of <paramref name="allowed"/>, matched case-insensitively and returned in its canonical spelling.</summary>
    public string? Enum(string key, IReadOnlyList<string> allowed)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        var match = allowed.FirstOrDefault(candidate => string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase));
        return match ?? throw Error(key, text, $"unknown {key} '{text}' in {Table}", $"use one of: {string.Join(", ", allowed)}");
    }

    public IReadOnlyList<string>? StringList(string key)
    {
        var items = List(key);
        if (items is null)
        {
            return null;
        }

        var values = new List<string>();
        foreach (var item in items)
        {
            if (item is not YamlTreeScalar scalar || string.IsNullOrWhiteSpace(scalar.Value))
            {
                throw Context.Error(item, Describe(item), $"each item of '{key}' in {Table} must be a non-empty name, not {Describe(item)}",
                    $"write {key}: [name1, name2]");
            }

            values.Add(scalar.Value);
        }

        return values;
    }

    public IReadOnlyList<YamlTreeNode>? List(string key)
    {
        var node = Value(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlTreeList sequence)
        {
            throw Error(key, Describe(node), $"'{key}' in {Table} must be a list, not {Describe(node)}",
                $"write one '- item' line per entry under {key}:, or {key}: [ ... ]");
        }

        return sequence.Items;
    }

    public YamlMapReader? Map(string key, string table, IReadOnlyList<string> allowedKeys)
    {
        var node = Value(key);
        return node is null ? null : Open(Context, node, table, allowedKeys);
    }

    private FleetFileException TooLarge(string key, string text, long maximum, string fix) =>
        Error(key, text, $"'{key}' {text} in {Table} is too large, above the maximum of {maximum.ToString(CultureInfo.InvariantCulture)}", fix);

    private static bool IsDigits(string text)
    {
        var digits = text.StartsWith('+') ? text[1..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }

    public static string Describe(YamlTreeNode node) => node switch
    {
        YamlTreeScalar scalar => $"'{scalar.Value}'",
        YamlTreeList => "a list",
        YamlTreeMap => "a map",
        _ => "a value",
    };
}
