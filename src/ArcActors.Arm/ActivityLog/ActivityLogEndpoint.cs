using System.Globalization;
using System.Text.Json.Nodes;
using ArcActors.ReadModel;

namespace ArcActors.Arm.ActivityLog;

/// <summary>
/// Serves <c>GET /subscriptions/{subscriptionId}/providers/microsoft.insights/eventtypes/management/values</c>
/// (Azure Monitor activity logs, api-version 2015-04-01) from the read store. Entries come oldest first,
/// ordered by time and then id, and pages continue after the last entry of the previous page.
/// </summary>
internal static class ActivityLogEndpoint
{
    public const string ApiVersion = "2015-04-01";

    /// <summary>
    /// Returns the status and JSON body of one page: <c>{"value": [EventData…], "nextLink": …}</c> with status 200,
    /// or an ARM error body <c>{"error": {"code", "message"}}</c> with status 400 for an invalid
    /// <paramref name="filter"/> or <paramref name="skipToken"/>. <paramref name="nextLinkFor"/> receives the
    /// skip token of the next page and returns the full URL, with the same <c>$filter</c> and api-version.
    /// </summary>
    /// <param name="clock">Ends the time range when the filter has no <c>eventTimestamp le</c>. Null means the system clock.</param>
    public static (int Status, JsonObject Body) Handle(
        ReadStore store,
        string subscriptionId,
        string? filter,
        string? skipToken,
        int pageSize,
        Func<string, string> nextLinkFor,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionId);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentNullException.ThrowIfNull(nextLinkFor);

        var now = (clock ?? TimeProvider.System).GetUtcNow();
        ActivityLogFilter parsed;
        switch (ActivityLogFilterParser.Parse(filter, now))
        {
            case ActivityLogFilterResult.Valid valid:
                parsed = valid.Filter;
                break;
            case ActivityLogFilterResult.Invalid invalid:
                return Error(invalid.Code, invalid.Message);
            default:
                throw new InvalidOperationException("The filter parser returned neither a filter nor an error.");
        }

        long? afterId = null;
        if (skipToken is not null)
        {
            if (!long.TryParse(skipToken, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                return InvalidSkipToken(skipToken);
            }

            afterId = id;
        }

        if (!parsed.IncludesOperationChannel)
        {
            return (200, new JsonObject { ["value"] = new JsonArray() });
        }

        return Page(store, subscriptionId, parsed, afterId, pageSize, nextLinkFor);
    }

    private static (int Status, JsonObject Body) Page(
        ReadStore store,
        string subscriptionId,
        ActivityLogFilter filter,
        long? afterId,
        int pageSize,
        Func<string, string> nextLinkFor)
    {
        var resourceUri = filter.ResourceUri
            ?? (filter.ResourceGroupName is { } group ? $"/subscriptions/{subscriptionId}/resourceGroups/{group}" : null);

        IReadOnlyList<ActivityRow> rows;
        try
        {
            // One row more than the page shows whether a next page exists, so the last page carries no nextLink.
            rows = store.QueryActivity(filter.From, filter.To, resourceUri, subscriptionId, afterId, pageSize + 1);
        }
        catch (ArgumentOutOfRangeException) when (afterId is not null)
        {
            return InvalidSkipToken(afterId.Value.ToString(CultureInfo.InvariantCulture));
        }

        var page = rows.Take(pageSize).ToList();
        var body = new JsonObject
        {
            ["value"] = new JsonArray(page.Select(row => (JsonNode?)ActivityEventRenderer.Render(row)).ToArray()),
        };
        if (rows.Count > pageSize)
        {
            body["nextLink"] = nextLinkFor(page[^1].Id.ToString(CultureInfo.InvariantCulture));
        }

        return (200, body);
    }

    private static (int Status, JsonObject Body) InvalidSkipToken(string skipToken) =>
        Error("InvalidSkipToken", $"The $skipToken '{skipToken}' is invalid. Follow the nextLink of the previous page as returned, or omit $skipToken for the first page.");

    private static (int Status, JsonObject Body) Error(string code, string message) =>
        (400, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
}
