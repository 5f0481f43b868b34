using System.Text.Json.Nodes;

namespace ArcActors.Arm.Tests.Schema;

/// <summary>The status code and JSON body of one GET through the ARM API.</summary>
public sealed record ResourceResponse(int Status, JsonObject? Body);
