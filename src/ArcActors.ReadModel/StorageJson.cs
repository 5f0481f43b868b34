using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArcActors.ReadModel;

/// <summary>Serializes the snapshots the store keeps for re-rendering, with enums as names so stored rows survive a reordering of enum members.</summary>
internal static class StorageJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JsonTextEncoder.Instance,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidDataException($"Stored {typeof(T).Name} is null. Rebuild the read store from the journal.");
}
