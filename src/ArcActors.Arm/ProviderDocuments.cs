using System.Text.Json.Nodes;

namespace ArcActors.Arm;

/// <summary>Builds the provider documents that ARM clients read to choose an api-version per resource type.</summary>
internal static class ProviderDocuments
{
    public static JsonObject Build(string subscriptionId, string providerNamespace, IReadOnlyList<string> locations, bool registered)
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
            ["registrationState"] = registered ? "Registered" : "NotRegistered",
            ["resourceTypes"] = resourceTypes,
        };
    }
}
