using System.Text.Json;

namespace ArcActors.Arm.Tests.Schema;

/// <summary>A schema object inside a loaded swagger file. <see cref="FilePath"/> is the base of its relative <c>$ref</c>s.</summary>
public sealed record SwaggerSchema(string FilePath, JsonElement Element)
{
    public bool Has(string keyword) => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(keyword, out _);

    public JsonElement? Get(string keyword) =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(keyword, out var value) ? value : null;

    public string? GetString(string keyword) => Get(keyword) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public bool? GetBoolean(string keyword) => Get(keyword) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    /// <summary>Returns the child schema at <paramref name="keyword"/>, in the same file.</summary>
    public SwaggerSchema? Child(string keyword) => Get(keyword) is { } value ? this with { Element = value } : null;
}
