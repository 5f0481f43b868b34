using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace ArcActors.Contracts.Serialization;

/// <summary>
/// System.Text.Json serializer for every remote message and persisted event. Manifests are short
/// and stable: renaming a C# type must not change them, because journals hold them for years.
/// </summary>
public sealed class ArcActorsSerializer : SerializerWithStringManifest
{
    public const int SerializerId = 141;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    public ArcActorsSerializer(ExtendedActorSystem system) : base(system)
    {
    }

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => MessageManifests.ManifestOf(o.GetType());

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var type = MessageManifests.TypeOf(manifest);
        return JsonSerializer.Deserialize(bytes, type, Options)
            ?? throw new System.Runtime.Serialization.SerializationException($"Manifest '{manifest}' deserialized to null; the payload is empty or 'null'.");
    }
}
