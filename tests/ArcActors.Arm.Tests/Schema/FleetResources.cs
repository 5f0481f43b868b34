using System.Text.Json.Nodes;

namespace ArcActors.Arm.Tests.Schema;

/// <summary>
/// What the ARM API served for one simulated fleet: the resources in list order, the number of list pages
/// read along nextLink, and the GET response of every listed id.
/// </summary>
public sealed record FleetResources(
    string Fleet,
    IReadOnlyList<JsonObject> Listed,
    int PageCount,
    IReadOnlyDictionary<string, ResourceResponse> Fetched);
