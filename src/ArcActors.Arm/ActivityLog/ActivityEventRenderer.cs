using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ArcActors.ReadModel;

namespace ArcActors.Arm.ActivityLog;

/// <summary>
/// Renders an activity log entry as the Azure Monitor <c>EventData</c> of api-version 2015-04-01: an
/// Administrative EndRequest event in the Operation channel that succeeded. Ids that Azure makes random
/// (<c>eventDataId</c>, <c>correlationId</c>) are derived from the entry, so the same entry always renders the same.
/// </summary>
internal static class ActivityEventRenderer
{
    public static JsonObject Render(ActivityRow row)
    {
        ArgumentNullException.ThrowIfNull(row);

        var eventDataId = NameBasedGuid($"event:{row.Id}:{row.Time.UtcTicks}:{row.ResourceId}");
        var correlationId = row.SourceEvent.Length > 0 ? NameBasedGuid($"source:{row.SourceEvent}") : eventDataId;
        var resourceType = ResourceTypeOf(row.Operation);
        var timestamp = ArmTime.Format(row.Time);

        return new JsonObject
        {
            ["authorization"] = new JsonObject { ["action"] = row.Operation, ["scope"] = row.ResourceId },
            ["caller"] = row.Caller,
            ["channels"] = "Operation",
            ["correlationId"] = correlationId,
            ["description"] = "",
            ["eventDataId"] = eventDataId,
            ["eventName"] = Localizable("EndRequest", "End request"),
            ["category"] = Localizable("Administrative"),
            ["eventTimestamp"] = timestamp,
            ["id"] = $"{row.ResourceId}/events/{eventDataId}/ticks/{row.Time.UtcTicks}",
            ["level"] = "Informational",
            ["operationId"] = correlationId,
            ["operationName"] = Localizable(row.Operation),
            ["resourceGroupName"] = SegmentAfter(row.ResourceId, "resourceGroups"),
            ["resourceProviderName"] = Localizable(resourceType.Split('/')[0]),
            ["resourceType"] = Localizable(resourceType),
            ["resourceId"] = row.ResourceId,
            ["status"] = Localizable("Succeeded"),

            // NOTE: Azure puts the HTTP status of the request here (OK, Created), but host agent reports had no request, so it stays empty.
            ["subStatus"] = Localizable(""),
            ["submissionTimestamp"] = timestamp,
            ["subscriptionId"] = SegmentAfter(row.ResourceId, "subscriptions"),
            ["properties"] = Properties(row),
        };
    }

    // EventData.properties maps strings to strings, so the changes go in as one JSON text.
    private static JsonObject Properties(ActivityRow row) => new()
    {
        ["eventCategory"] = "Administrative",
        ["entity"] = row.ResourceId,
        ["message"] = row.Operation,
        ["changes"] = ArmJson.ToCompact(ReadStore.ChangesObject(row.Changes)),
    };

    private static JsonObject Localizable(string value, string? localizedValue = null) => new()
    {
        ["value"] = value,
        ["localizedValue"] = localizedValue ?? value,
    };

    // The operation is "{full type}/{write|delete}". The resource id cannot give the type, because database names may contain '/'.
    private static string ResourceTypeOf(string operation)
    {
        var slash = operation.LastIndexOf('/');
        return slash < 0 ? operation : operation[..slash];
    }

    private static string SegmentAfter(string resourceId, string segment)
    {
        var parts = resourceId.Split('/');
        for (var i = 0; i + 1 < parts.Length; i++)
        {
            if (string.Equals(parts[i], segment, StringComparison.OrdinalIgnoreCase))
            {
                return parts[i + 1];
            }
        }

        return "";
    }

    /// <summary>Returns an RFC 9562 version 8 UUID made from the SHA-256 hash of <paramref name="name"/>.</summary>
    private static string NameBasedGuid(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
