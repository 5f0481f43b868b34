using System.Globalization;
using ArcActors.Simulation.Fleets.Parsing;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ArcActors.Simulation.Fleets.Writing;

/// <summary>Builds one YAML mapping. Its methods skip null values, so optional keys can be passed through.</summary>
internal sealed class YamlMapBuilder
{
    public YamlMappingNode Node { get; } = new();

    /// <summary>Adds a text value, double-quoted so that names such as "1433", "true" or "null" read back as text.</summary>
    public YamlMapBuilder Text(string key, string? value)
    {
        if (value is not null)
        {
            Node.Add(key, new YamlScalarNode(value) { Style = ScalarStyle.DoubleQuoted });
        }

        return this;
    }

    /// <summary>Adds a value that is a keyword of the format, such as an edition or a GUID, unquoted.</summary>
    public YamlMapBuilder Word(string key, string? value)
    {
        if (value is not null)
        {
            Node.Add(key, new YamlScalarNode(value));
        }

        return this;
    }

    public YamlMapBuilder Number(string key, long? value) =>
        Word(key, value?.ToString(CultureInfo.InvariantCulture));

    public YamlMapBuilder Number(string key, double? value) =>
        Word(key, value?.ToString("R", CultureInfo.InvariantCulture));

    public YamlMapBuilder Bool(string key, bool? value)
    {
        if (value is null)
        {
            return this;
        }

        return Word(key, value.Value ? "true" : "false");
    }

    public YamlMapBuilder Time(string key, DateTimeOffset? value) =>
        Word(key, value is null ? null : FleetTime.FormatTimestamp(value.Value));

    public YamlMapBuilder Names(string key, IReadOnlyList<string>? values)
    {
        if (values is not null)
        {
            var sequence = new YamlSequenceNode(values.Select(value => new YamlScalarNode(value) { Style = ScalarStyle.DoubleQuoted })) { Style = SequenceStyle.Flow };
            Node.Add(key, sequence);
        }

        return this;
    }

    public YamlMapBuilder Child(string key, YamlNode? value)
    {
        if (value is not null)
        {
            Node.Add(key, value);
        }

        return this;
    }

    public YamlMapBuilder List<T>(string key, IEnumerable<T>? items, Func<T, YamlNode> write) =>
        Child(key, items is null ? null : new YamlSequenceNode(items.Select(write)));
}
