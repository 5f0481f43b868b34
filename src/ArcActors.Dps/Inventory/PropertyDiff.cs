using System.Text.Json;
using ArcActors.Contracts.Events;

namespace ArcActors.Dps.Inventory;

/// <summary>Lists the properties that differ between two snapshots, by their JSON form.</summary>
public static class PropertyDiff
{
    // ARM property names are camelCase, and activity entries name properties the way resources do.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>
    /// Lists what changed from <paramref name="before"/> to <paramref name="after"/>. A new resource
    /// (no <paramref name="before"/>) lists nothing: its activity entry is the creation itself, and
    /// its properties are in the resource.
    /// </summary>
    public static IReadOnlyList<PropertyChange> Between<T>(T? before, T after, params string[] ignored) where T : class
    {
        if (before is null)
        {
            return [];
        }

        ignored = ignored.Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray();
        return Diff(before, after, ignored);
    }

    private static IReadOnlyList<PropertyChange> Diff<T>(T? before, T after, string[] ignored) where T : class
    {
        var oldValues = Flatten(before is null ? default : JsonSerializer.SerializeToElement(before, Options), ignored);
        var newValues = Flatten(JsonSerializer.SerializeToElement(after, Options), ignored);
        var changes = new List<PropertyChange>();
        foreach (var (name, value) in newValues)
        {
            var old = oldValues.GetValueOrDefault(name, "");
            if (!string.Equals(old, value, StringComparison.Ordinal))
            {
                changes.Add(new PropertyChange(name, old, value));
            }
        }

        return changes;
    }

    // Times are written as ARM writes them (UTC with a Z), so activity entries match the resources.
    private static string TextOf(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value.GetRawText();
        }

        return value.TryGetDateTimeOffset(out var time) ? ArcActors.ReadModel.ArmTime.Format(time) : value.GetString()!;
    }

    private static SortedDictionary<string, string> Flatten(JsonElement element, string[] ignored)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return values;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (ignored.Contains(property.Name, StringComparer.Ordinal))
            {
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var (name, value) in Flatten(property.Value, []))
                {
                    values[$"{property.Name}.{name}"] = value;
                }
            }
            else
            {
                values[property.Name] = TextOf(property.Value);
            }
        }

        return values;
    }
}
