using System.Text.Json.Nodes;

namespace ArcActors.Arm;

/// <summary>Builds the provider documents that ARM clients read to choose an api-version per resource type.</summary>
internal static class ProviderDocuments
{
    // NOTE: registrationState is always Registered because the API does not implement provider registration yet.
    public static JsonObject Build(string subscriptionId, string providerNamespace, IReadOnlyList<string> locations)
    {
        var resourceTypes = new JsonArray();
        foreach (var type in ArmResourceTypes.InNamespace(providerNamespace))
        {
            resourceTypes.Add(new JsonObject
            {
                ["resourceType"] = type.TypePath,
                ["locations"] = new JsonArray(locations.Select(location => (JsonNode?)JsonValue.Create(location)).ToArray()),
                ["apiVersions"] = new JsonArray(type.ApiVersions.Reverse().Select(version => (JsonNode?)JsonValue.Create(version)).ToArray()),
            });
        }

        return new JsonObject
        {
            ["id"] = $"/subscriptions/{subscriptionId}/providers/{providerNamespace}",
            ["namespace"] = providerNamespace,
            ["registrationState"] = "Registered",
            ["resourceTypes"] = resourceTypes,
        };
    }
}
