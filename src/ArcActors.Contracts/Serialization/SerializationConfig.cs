namespace ArcActors.Contracts.Serialization;

/// <summary>HOCON that binds <see cref="IArcActorsMessage"/> to <see cref="ArcActorsSerializer"/>.</summary>
public static class SerializationConfig
{
    public const string Hocon = """
        akka.actor {
          serializers.arcactors = "ArcActors.Contracts.Serialization.ArcActorsSerializer, ArcActors.Contracts"
          serialization-bindings {
            "ArcActors.Contracts.IArcActorsMessage, ArcActors.Contracts" = arcactors
          }
          serialization-identifiers {
            "ArcActors.Contracts.Serialization.ArcActorsSerializer, ArcActors.Contracts" = 141
          }
        }
        """;
}
