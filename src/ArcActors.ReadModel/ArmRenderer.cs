using System.Text.Json.Nodes;
using ArcActors.Contracts.Ingress;

namespace ArcActors.ReadModel;

/// <summary>
/// Renders ARM resources (api-version 2024-01-01) as JSON objects. Properties are added in a fixed
/// order, so the same inputs always serialize to the same bytes.
/// </summary>
public static partial class ArmRenderer
{
    /// <summary>Value of <c>createdBy</c> and <c>lastModifiedBy</c> in every <c>systemData</c>.</summary>
    public const string Actor = "arcactors";

    public const string ActorType = "Application";

    private static JsonObject Envelope(
        string id,
        string name,
        string type,
        string location,
        ResourceTimes times,
        JsonObject properties)
    {
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["type"] = type,
            ["location"] = location,
            ["tags"] = new JsonObject(),
            ["systemData"] = SystemData(times),
            ["properties"] = properties,
        };
    }

    private static JsonObject SystemData(ResourceTimes times) => new()
    {
        ["createdBy"] = Actor,
        ["createdByType"] = ActorType,
        ["createdAt"] = ArmTime.Format(times.CreatedAt),
        ["lastModifiedBy"] = Actor,
        ["lastModifiedByType"] = ActorType,
        ["lastModifiedAt"] = ArmTime.Format(times.LastModifiedAt),
    };

    private static JsonNode? Time(DateTimeOffset? value) => value is { } at ? JsonValue.Create(ArmTime.Format(at)) : null;

    private static string LocationOf(ResourceScope scope) => scope.Location;
}
