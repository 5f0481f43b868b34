using System.Text.Json.Serialization;

namespace ArcActors.Node.Runtime;

/// <summary>
/// Body of <c>GET /healthz</c>: <see cref="Status"/> is "ok" when the node is a cluster member in
/// state Up (or needs not be one) and the journal is writable, "degraded" otherwise.
/// </summary>
public sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("member")] string Member,
    [property: JsonPropertyName("journal")] string Journal)
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";

    [JsonIgnore]
    public int HttpStatus => Status == Ok ? 200 : 503;
}
