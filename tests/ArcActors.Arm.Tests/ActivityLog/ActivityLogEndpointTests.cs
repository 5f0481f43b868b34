using System.Text.Json.Nodes;
using ArcActors.Arm.ActivityLog;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.ReadModel;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests.ActivityLog;

public sealed class ActivityLogEndpointTests : IDisposable
{
    private const string Projection = "inventory";
    private const string NextLinkBase = "https://localhost/next?$skipToken=";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "arcactors-activity-" + Guid.NewGuid().ToString("N"));
    private readonly ReadStore _store;

    public ActivityLogEndpointTests()
    {
        Directory.CreateDirectory(_folder);
        _store = ReadStore.Open(Path.Combine(_folder, "read.db"));
    }

    public void Dispose()
    {
        _store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // NOTE: a pooled handle released late can keep the file open, and then the folder stays in the temp directory.
        }
    }

    private static string InstanceUri(string name = "sql-prod-01_SALES") => $"{GroupId}/providers/Microsoft.AzureArcData/sqlServerInstances/{name}";

    private static string DayFilter(string? extra = null) =>
        "eventTimestamp ge '2026-11-30T00:00:00Z' and eventTimestamp le '2026-12-01T00:00:00Z'" + (extra is null ? "" : " and " + extra);

    private void Apply(long offset, DateTimeOffset at, params ResourceChange[] changes) =>
        _store.ApplyBatch(Projection, [(offset, new InstanceInventoryChanged(new InstanceKey(VmId, "SALES"), HostName, Scope, at, Instance("SALES"), [], [], changes))]);

    private static ResourceChange InstanceWrite(string caller = "") =>
        new("sqlServerInstances", "sql-prod-01_SALES", "write", [new PropertyChange("edition", "Standard", "Developer")], caller);

    private static ResourceChange DatabaseWrite(string database) =>
        new("sqlServerInstances/databases", $"sql-prod-01_SALES/{database}", "write", [new PropertyChange("state", "Offline", "Online")]);

    private (int Status, JsonObject Body) Get(string? filter, string? skipToken = null, int pageSize = 100) =>
        ActivityLogEndpoint.Handle(_store, Scope.SubscriptionId, filter, skipToken, pageSize, token => NextLinkBase + token);

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public void ActivityEndpoint_RendersEventData()
    {
        Apply(1, Start.AddHours(3), InstanceWrite(caller: "admin@contoso.com"));

        var (status, body) = Get(DayFilter());

        Assert.Equal(200, status);
        var entry = Assert.Single(body["value"]!.AsArray())!.AsObject();
        var eventDataId = Text(entry["eventDataId"]);
        Assert.True(Guid.TryParse(eventDataId, out _));
        Assert.Equal("Microsoft.AzureArcData/sqlServerInstances/write", Text(entry["authorization"]!["action"]));
        Assert.Equal(InstanceUri(), Text(entry["authorization"]!["scope"]));
        Assert.Equal("admin@contoso.com", Text(entry["caller"]));
        Assert.Equal("Operation", Text(entry["channels"]));
        Assert.Equal("EndRequest", Text(entry["eventName"]!["value"]));
        Assert.Equal("End request", Text(entry["eventName"]!["localizedValue"]));
        Assert.Equal("Administrative", Text(entry["category"]!["value"]));
        Assert.Equal("2026-11-30T03:00:00Z", Text(entry["eventTimestamp"]));
        Assert.Equal("2026-11-30T03:00:00Z", Text(entry["submissionTimestamp"]));
        Assert.Equal($"{InstanceUri()}/events/{eventDataId}/ticks/{Start.AddHours(3).UtcTicks}", Text(entry["id"]));
        Assert.Equal("Informational", Text(entry["level"]));
        Assert.Equal("Microsoft.AzureArcData/sqlServerInstances/write", Text(entry["operationName"]!["value"]));
        Assert.Equal(Scope.ResourceGroup, Text(entry["resourceGroupName"]));
        Assert.Equal("Microsoft.AzureArcData", Text(entry["resourceProviderName"]!["value"]));
        Assert.Equal("Microsoft.AzureArcData/sqlServerInstances", Text(entry["resourceType"]!["value"]));
        Assert.Equal(InstanceUri(), Text(entry["resourceId"]));
        Assert.Equal("Succeeded", Text(entry["status"]!["value"]));
        Assert.NotNull(entry["subStatus"]);
        Assert.Equal(Scope.SubscriptionId, Text(entry["subscriptionId"]));
        Assert.Null(body["nextLink"]);
    }

    [Fact]
    public void ActivityEndpoint_ChangesAreJsonString()
    {
        Apply(1, Start, InstanceWrite());

        var entry = Get(DayFilter()).Body["value"]![0]!;

        var changes = JsonNode.Parse(Text(entry["properties"]!["changes"]))!;
        Assert.Equal("Standard", Text(changes["edition"]!["old"]));
        Assert.Equal("Developer", Text(changes["edition"]!["new"]));
        Assert.All(entry["properties"]!.AsObject(), property => Assert.IsType<string>(property.Value!.GetValue<object>()));
    }

    [Fact]
    public void ActivityEndpoint_HostAgentCallerAndSharedCorrelation()
    {
        Apply(1, Start, InstanceWrite(), DatabaseWrite("orders"));
        Apply(2, Start.AddHours(1), DatabaseWrite("orders"));

        var entries = Get(DayFilter()).Body["value"]!.AsArray();

        Assert.Equal("host agent on sql-prod-01", Text(entries[0]!["caller"]));
        Assert.Equal(Text(entries[0]!["correlationId"]), Text(entries[1]!["correlationId"]));
        Assert.NotEqual(Text(entries[0]!["correlationId"]), Text(entries[2]!["correlationId"]));
        Assert.Equal(Text(entries[0]!["correlationId"]), Text(entries[0]!["operationId"]));
        Assert.NotEqual(Text(entries[0]!["eventDataId"]), Text(entries[1]!["eventDataId"]));
    }

    [Fact]
    public void ActivityEndpoint_SameEntryRendersSameIds()
    {
        Apply(1, Start, InstanceWrite());

        var first = Get(DayFilter()).Body["value"]![0]!;
        var second = Get(DayFilter()).Body["value"]![0]!;

        Assert.Equal(Text(first["eventDataId"]), Text(second["eventDataId"]));
        Assert.Equal(Text(first["correlationId"]), Text(second["correlationId"]));
    }

    [Fact]
    public void ActivityEndpoint_ResourceUriFilterIncludesChildren()
    {
        Apply(1, Start, InstanceWrite(), DatabaseWrite("orders"));
        var other = new InstanceInventoryChanged(
            new InstanceKey(VmId, "HR"), HostName, Scope, Start, Instance("HR"), [], [],
            [new ResourceChange("sqlServerInstances", "sql-prod-01_HR", "write", [])]);
        _store.ApplyBatch(Projection, [(2, other)]);

        var entries = Get(DayFilter($"resourceUri eq '{InstanceUri().ToUpperInvariant()}'")).Body["value"]!.AsArray();

        Assert.Equal([InstanceUri(), InstanceUri() + "/databases/orders"], entries.Select(entry => Text(entry!["resourceId"])));
    }

    [Fact]
    public void ActivityEndpoint_ResourceGroupFilter()
    {
        Apply(1, Start, InstanceWrite());

        Assert.Single(Get(DayFilter($"resourceGroupName eq '{Scope.ResourceGroup}'")).Body["value"]!.AsArray());
        Assert.Empty(Get(DayFilter("resourceGroupName eq 'other-group'")).Body["value"]!.AsArray());
    }

    [Fact]
    public void ActivityEndpoint_OtherSubscriptionSeesNothing()
    {
        Apply(1, Start, InstanceWrite());

        var (status, body) = ActivityLogEndpoint.Handle(_store, "00000000-0000-0000-0000-000000000001", DayFilter(), null, 10, token => token);

        Assert.Equal(200, status);
        Assert.Empty(body["value"]!.AsArray());
    }

    [Fact]
    public void ActivityEndpoint_TimeRangeEndInclusive()
    {
        Apply(1, Start.AddDays(1), InstanceWrite());
        Apply(2, Start.AddDays(1).AddTicks(1), InstanceWrite());

        Assert.Single(Get(DayFilter()).Body["value"]!.AsArray());
    }

    [Fact]
    public void ActivityEndpoint_PagesFollowNextLink()
    {
        Apply(1, Start.AddHours(2), InstanceWrite(), DatabaseWrite("a"));
        Apply(2, Start, DatabaseWrite("b"), DatabaseWrite("c"));
        Apply(3, Start.AddHours(1), DatabaseWrite("d"));

        var seen = new List<string>();
        string? skipToken = null;
        var pages = 0;
        do
        {
            var (status, body) = Get(DayFilter(), skipToken, pageSize: 2);
            Assert.Equal(200, status);
            seen.AddRange(body["value"]!.AsArray().Select(entry => Text(entry!["eventTimestamp"]) + " " + Text(entry!["resourceId"])));
            skipToken = body["nextLink"] is { } next ? Text(next)[NextLinkBase.Length..] : null;
            pages++;
        }
        while (skipToken is not null);

        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Count);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen.Select(entry => entry));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public void ActivityEndpoint_FullLastPageNoNextLink()
    {
        Apply(1, Start, InstanceWrite(), DatabaseWrite("a"));

        var body = Get(DayFilter(), pageSize: 2).Body;

        Assert.Equal(2, body["value"]!.AsArray().Count);
        Assert.Null(body["nextLink"]);
    }

    [Fact]
    public void ActivityEndpoint_InvalidFilterReturns400()
    {
        var (status, body) = Get("resourceGroupName eq 'rg'");

        Assert.Equal(400, status);
        Assert.Equal("InvalidFilterInQueryString", Text(body["error"]!["code"]));
        Assert.Contains("eventTimestamp ge", Text(body["error"]!["message"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-4")]
    [InlineData("999")]
    public void ActivityEndpoint_InvalidSkipTokenReturns400(string skipToken)
    {
        Apply(1, Start, InstanceWrite());

        var (status, body) = Get(DayFilter(), skipToken);

        Assert.Equal(400, status);
        Assert.Equal("InvalidSkipToken", Text(body["error"]!["code"]));
        Assert.Contains(skipToken, Text(body["error"]!["message"]), StringComparison.Ordinal);
    }

    [Fact]
    public void ActivityEndpoint_OtherChannelReturnsEmpty()
    {
        Apply(1, Start, InstanceWrite());

        var (status, body) = Get(DayFilter("eventChannels eq 'Admin'"));

        Assert.Equal(200, status);
        Assert.Empty(body["value"]!.AsArray());
    }
}
