using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ArcActors.Arm.Tests.Schema;

/// <summary>
/// Validates a JSON document against a swagger 2.0 definition and reports every violation with its JSON path.
/// Checks <c>$ref</c>, <c>allOf</c>, <c>required</c>, <c>type</c>, <c>enum</c>, <c>format</c> (date-time,
/// uuid, int32, int64), <c>minimum</c>/<c>maximum</c>, <c>pattern</c>, <c>items</c>, <c>properties</c> and
/// <c>additionalProperties</c>.
/// </summary>
/// <remarks>
/// Rules where swagger 2.0 leaves room:
/// <list type="bullet">
/// <item>An unlisted property is reported only when <c>additionalProperties</c> is <c>false</c>; an
/// <c>additionalProperties</c> schema validates the value of every unlisted property.</item>
/// <item>A <c>null</c> value follows the model validator oav (its nullableTransformer): an optional
/// property, an array item or an <c>additionalProperties</c> value may be null unless its schema has
/// <c>x-nullable: false</c>, and a required property may be null only with <c>x-nullable: true</c>.</item>
/// <item>An enum with <c>x-ms-enum.modelAsString: true</c> is open: the service may add values, and clients
/// must keep values they do not know. So a value outside the list is only a note. A value that matches a
/// listed value in all but letter case is an error, because it is a misspelling of a known value that
/// clients comparing strings exactly (JMESPath queries, Resource Graph, scripts) would miss. Every other
/// enum is closed and compared case-sensitively.</item>
/// <item><c>readOnly</c> is not checked, because a GET response carries read-only properties. Formats other
/// than the four above (float, arm-id, duration) are not checked.</item>
/// </list>
/// </remarks>
public sealed partial class SwaggerValidator(SwaggerDocuments documents)
{
    private const int MaxAllOfDepth = 16;

    public SchemaReport Validate(JsonElement document, SwaggerSchema definition)
    {
        var run = new Run([], []);
        CheckMember(document, definition, "$", required: true, run);
        return new SchemaReport(run.Errors, run.Notes);
    }

    private void CheckMember(JsonElement value, SwaggerSchema schema, string path, bool required, Run run)
    {
        if (value.ValueKind != JsonValueKind.Null)
        {
            Check(value, schema, path, run);
            return;
        }

        var nullable = documents.Dereference(schema).GetBoolean("x-nullable") ?? schema.GetBoolean("x-nullable");
        var allowed = nullable ?? !required;
        if (!allowed)
        {
            var reason = required ? "it is required and its schema lacks x-nullable: true" : "its schema has x-nullable: false";
            run.Errors.Add(new(path, $"is null, but {reason}"));
        }
    }

    private void Check(JsonElement value, SwaggerSchema schema, string path, Run run)
    {
        var resolved = documents.Dereference(schema);
        var parts = new List<SwaggerSchema>();
        Flatten(resolved, parts, 0);

        var type = TypeOf(parts);
        if (type is not null && !HasType(value, type))
        {
            run.Errors.Add(new(path, $"expected {type}, found {Describe(value)}"));
            return;
        }

        CheckEnum(value, resolved, path, run);
        CheckFormat(value, resolved, path, run);
        CheckRange(value, resolved, path, run);
        CheckPattern(value, resolved, path, run);

        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(value, parts, path, run);
        }
        else if (value.ValueKind == JsonValueKind.Array && resolved.Child("items") is { } items)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                CheckMember(item, items, $"{path}[{index}]", required: false, run);
                index++;
            }
        }
    }

    // Collects the schema and, depth first, every schema it extends through allOf.
    private void Flatten(SwaggerSchema schema, List<SwaggerSchema> parts, int depth)
    {
        if (depth > MaxAllOfDepth)
        {
            throw new InvalidDataException($"allOf nests deeper than {MaxAllOfDepth} levels in {schema.FilePath}; check it for a cycle.");
        }

        parts.Add(schema);
        if (schema.Get("allOf") is not { ValueKind: JsonValueKind.Array } allOf)
        {
            return;
        }

        foreach (var item in allOf.EnumerateArray())
        {
            Flatten(documents.Dereference(schema with { Element = item }), parts, depth + 1);
        }
    }

    private static string? TypeOf(List<SwaggerSchema> parts)
    {
        var declared = parts.Select(part => part.GetString("type")).FirstOrDefault(type => type is not null);
        if (declared is not null)
        {
            return declared;
        }

        return parts.Any(part => part.Has("properties") || part.Has("additionalProperties")) ? "object" : null;
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IntegerText().IsMatch(value.GetRawText()),
        _ => throw new InvalidDataException($"Swagger type '{type}' is not supported; use object, array, string, boolean, number or integer."),
    };

    private void CheckObject(JsonElement value, List<SwaggerSchema> parts, string path, Run run)
    {
        var required = parts
            .Select(part => part.Get("required"))
            .Where(list => list is { ValueKind: JsonValueKind.Array })
            .SelectMany(list => list!.Value.EnumerateArray().Select(name => name.GetString()!))
            .ToHashSet(StringComparer.Ordinal);
        var properties = PropertiesOf(parts);
        var additional = parts.Select(part => part.Child("additionalProperties")).FirstOrDefault(child => child is not null);

        foreach (var member in value.EnumerateObject())
        {
            var memberPath = PathOf(path, member.Name);
            if (properties.TryGetValue(member.Name, out var propertySchema))
            {
                CheckMember(member.Value, propertySchema, memberPath, required.Contains(member.Name), run);
            }
            else if (additional is { Element.ValueKind: JsonValueKind.False })
            {
                run.Errors.Add(new(memberPath, "is not a property of the definition, which sets additionalProperties: false"));
            }
            else if (additional is { Element.ValueKind: JsonValueKind.Object })
            {
                CheckMember(member.Value, additional, memberPath, required: false, run);
            }
        }

        foreach (var name in required.Where(name => !value.TryGetProperty(name, out _)))
        {
            run.Errors.Add(new(PathOf(path, name), "is required but missing"));
        }
    }

    // The schema's own properties come first, so a property it redeclares wins over the one it extends.
    private static Dictionary<string, SwaggerSchema> PropertiesOf(List<SwaggerSchema> parts)
    {
        var properties = new Dictionary<string, SwaggerSchema>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (part.Get("properties") is not { ValueKind: JsonValueKind.Object } declared)
            {
                continue;
            }

            foreach (var property in declared.EnumerateObject())
            {
                properties.TryAdd(property.Name, part with { Element = property.Value });
            }
        }

        return properties;
    }

    private static void CheckEnum(JsonElement value, SwaggerSchema schema, string path, Run run)
    {
        if (schema.Get("enum") is not { ValueKind: JsonValueKind.Array } allowed)
        {
            return;
        }

        var values = allowed.EnumerateArray().ToList();
        if (values.Any(candidate => SameValue(candidate, value)))
        {
            return;
        }

        var listed = string.Join(", ", values.Select(candidate => candidate.GetRawText()));
        var isOpen = schema.Child("x-ms-enum")?.GetBoolean("modelAsString") == true;
        if (!isOpen || value.ValueKind != JsonValueKind.String)
        {
            run.Errors.Add(new(path, $"{Describe(value)} is not one of the enum values {listed}"));
            return;
        }

        var text = value.GetString()!;
        var caseVariant = values.FirstOrDefault(candidate =>
            candidate.ValueKind == JsonValueKind.String && string.Equals(candidate.GetString(), text, StringComparison.OrdinalIgnoreCase));
        if (caseVariant.ValueKind == JsonValueKind.String)
        {
            run.Errors.Add(new(path, $"{Describe(value)} differs only in letter case from the enum value {caseVariant.GetRawText()}"));
            return;
        }

        run.Notes.Add(new(path, $"{Describe(value)} is not one of the known values {listed} of this open enum (x-ms-enum modelAsString: true)"));
    }

    private static bool SameValue(JsonElement candidate, JsonElement value)
    {
        if (candidate.ValueKind == JsonValueKind.Number && value.ValueKind == JsonValueKind.Number)
        {
            return candidate.TryGetDecimal(out var left) && value.TryGetDecimal(out var right) && left == right;
        }

        return candidate.ValueKind == value.ValueKind && candidate.GetRawText() == value.GetRawText();
    }

    private static void CheckFormat(JsonElement value, SwaggerSchema schema, string path, Run run)
    {
        var format = schema.GetString("format");
        var problem = (format, value.ValueKind) switch
        {
            ("date-time", JsonValueKind.String) when !IsDateTime(value.GetString()!) =>
                "is not an RFC 3339 date-time such as 2026-11-30T05:00:00Z",
            ("uuid", JsonValueKind.String) when !Guid.TryParseExact(value.GetString(), "D", out _) =>
                "is not a uuid such as 0f5c8d0e-6a7b-4f7e-9a51-2d3c4b5a6978",
            ("int32", JsonValueKind.Number) when !value.TryGetInt32(out _) => "is outside the int32 range",
            ("int64", JsonValueKind.Number) when !value.TryGetInt64(out _) => "is outside the int64 range",
            _ => null,
        };

        if (problem is not null)
        {
            run.Errors.Add(new(path, $"{Describe(value)} {problem} (format {format})"));
        }
    }

    private static bool IsDateTime(string text) =>
        DateTimeText().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    private static void CheckRange(JsonElement value, SwaggerSchema schema, string path, Run run)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            return;
        }

        if (schema.Get("minimum") is { ValueKind: JsonValueKind.Number } minimumElement)
        {
            var minimum = minimumElement.GetDecimal();
            var exclusive = schema.GetBoolean("exclusiveMinimum") == true;
            if (number < minimum || (exclusive && number == minimum))
            {
                run.Errors.Add(new(path, $"{number} is below the {(exclusive ? "exclusive " : "")}minimum {minimum}"));
            }
        }

        if (schema.Get("maximum") is { ValueKind: JsonValueKind.Number } maximumElement)
        {
            var maximum = maximumElement.GetDecimal();
            var exclusive = schema.GetBoolean("exclusiveMaximum") == true;
            if (number > maximum || (exclusive && number == maximum))
            {
                run.Errors.Add(new(path, $"{number} is above the {(exclusive ? "exclusive " : "")}maximum {maximum}"));
            }
        }
    }

    private static void CheckPattern(JsonElement value, SwaggerSchema schema, string path, Run run)
    {
        if (value.ValueKind != JsonValueKind.String || schema.GetString("pattern") is not { } pattern)
        {
            return;
        }

        if (!Regex.IsMatch(value.GetString()!, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            run.Errors.Add(new(path, $"{Describe(value)} does not match the pattern {pattern}"));
        }
    }

    private static string PathOf(string parent, string name) =>
        PlainName().IsMatch(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static string Describe(JsonElement value)
    {
        var text = value.GetRawText();
        var excerpt = text.Length <= 60 ? text : text[..60] + "…";
        return value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => $"string {excerpt}",
            JsonValueKind.Number => $"number {excerpt}",
            JsonValueKind.True or JsonValueKind.False => $"boolean {excerpt}",
            _ => excerpt,
        };
    }

    [GeneratedRegex(@"^-?[0-9]+$")]
    private static partial Regex IntegerText();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$")]
    private static partial Regex DateTimeText();

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex PlainName();

    private sealed record Run(List<SchemaViolation> Errors, List<SchemaViolation> Notes);
}
