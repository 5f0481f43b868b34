using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArcActors.ReadModel;

/// <summary>JSON settings shared by the read store and the output files, so both write the same bytes.</summary>
public static class ArmJson
{
    /// <summary>Options for compact JSON: the store's columns and one JSON Lines record.</summary>
    public static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = JsonTextEncoder.Instance,
        WriteIndented = false,
    };

    /// <summary>Options for indented JSON with "\n" line endings and two-space indentation.</summary>
    public static readonly JsonSerializerOptions Indented = new()
    {
        Encoder = JsonTextEncoder.Instance,
        WriteIndented = true,
        NewLine = "\n",
        IndentSize = 2,
    };

    /// <summary>UTF-8 without a byte order mark.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static string ToCompact(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    public static string ToIndented(JsonNode? node) => node?.ToJsonString(Indented) ?? "null";

    /// <summary>Parses a stored JSON object. The store wrote it, so anything else means the file was changed outside the store.</summary>
    public static JsonObject ParseObject(string json) =>
        JsonNode.Parse(json) as JsonObject
        ?? throw new InvalidDataException($"Stored JSON is not an object: {Truncate(json)}. Rebuild the read store from the journal.");

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
