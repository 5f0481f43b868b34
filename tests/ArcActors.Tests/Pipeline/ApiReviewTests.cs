using Xunit;
using static ArcActors.Tests.Pipeline.ApiNode;

namespace ArcActors.Tests.Pipeline;

/// <summary>Bad requests a new-user review sent to the API: each gets a clear ARM error and changes nothing.</summary>
public sealed class ApiReviewTests : IAsyncLifetime
{
    private static readonly string Fleet = $$"""
        subscriptionId: {{Subscription}}
        resourceGroup: rg
        location: westeurope
        start: 2026-11-30T00:00:00Z
        hosts:
          - name: sql-01
            logicalProcessors: 8
            instances:
              - name: MSSQLSERVER
                edition: Enterprise
                version: 16.0.4135.4
        """;

    private const string License = """{"location":"westeurope","properties":{"billingPlan":"PAYG","physicalCores":16,"licenseCategory":"Core","scopeType":"ResourceGroup","activationState":"Deactivated"}}""";

    private ApiNode _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiNode.StartAsync(Fleet);
        Assert.Empty(await _api.CycleAsync());
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task LicensePut_EncodedSlashInNameRejected()
    {
        var (status, error) = await _api.SendAsync(HttpMethod.Put, LicensePath("a%2Flic4"), "Contributor", License);

        Assert.Equal(400, status);
        Assert.Contains("a/lic4", error!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(404, (await _api.SendAsync(HttpMethod.Get, LicensePath("lic4"), "Reader")).Status);
    }

    [Theory]
    [InlineData("lic%0Anewline")]
    [InlineData("trailing.")]
    [InlineData("-leading")]
    public async Task LicensePut_InvalidNameRejected(string name)
    {
        var (status, error) = await _api.SendAsync(HttpMethod.Put, LicensePath(name), "Contributor", License);

        Assert.Equal(400, status);
        Assert.Equal("InvalidResourceName", error!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task LicensePut_UnknownLocationRejected()
    {
        var (status, error) = await _api.SendAsync(HttpMethod.Put, LicensePath("lic1"), "Contributor", License.Replace("westeurope", "mars"));

        Assert.Equal(400, status);
        Assert.Contains("mars", error!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task LicensePut_SubscriptionScopeNeedsSubscriptionToken()
    {
        var body = License.Replace("\"ResourceGroup\"", "\"Subscription\"");

        var (status, error) = await _api.SendAsync(HttpMethod.Put, LicensePath("wide"), "Contributor", body, scope: GroupPath);

        Assert.Equal(403, status);
        Assert.Contains($"/subscriptions/{Subscription}'", error!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(201, (await _api.SendAsync(HttpMethod.Put, LicensePath("wide"), "Contributor", body)).Status);
    }

    [Fact]
    public async Task LicensePatch_DuplicatePropertyRejected()
    {
        Assert.Equal(201, (await _api.SendAsync(HttpMethod.Put, LicensePath("lic1"), "Contributor", License)).Status);

        var (status, error) = await _api.SendAsync(HttpMethod.Patch, LicensePath("lic1"), "Contributor",
            """{"properties":{"physicalCores":18,"physicalCores":20}}""");

        Assert.Equal(400, status);
        Assert.Contains("twice", error!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task InstancePatch_TextPlainRejected()
    {
        var (status, error) = await _api.SendAsync(HttpMethod.Patch, InstancePath, "Contributor",
            """{"properties":{"monitoring":{"enabled":false}}}""", contentType: "text/plain");

        Assert.Equal(415, status);
        Assert.Equal("UnsupportedMediaType", error!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task InstancePatch_TagsRejected()
    {
        var (status, error) = await _api.SendAsync(HttpMethod.Patch, InstancePath, "Contributor", """{"tags":{"a":"b"},"properties":{}}""");

        Assert.Equal(400, status);
        Assert.Contains("tags", error!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task InstancePatch_MonitoringOldValueIsShownValue()
    {
        var enabledBefore = (await _api.GetAsync(InstancePath))["properties"]!["monitoring"]!["enabled"]!.GetValue<bool>();

        Assert.Equal(200, (await _api.SendAsync(HttpMethod.Patch, InstancePath, "Contributor",
            "{\"properties\":{\"monitoring\":{\"enabled\":" + (!enabledBefore).ToString().ToLowerInvariant() + "}}}")).Status);

        var rows = _api.Node.Store.QueryActivity(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), InstancePath.Split('?')[0], null, null, 100);
        var change = Assert.Single(rows.Where(row => row.Caller == "contributor@example.test").SelectMany(row => row.Changes));
        Assert.Equal(enabledBefore.ToString().ToLowerInvariant(), change.OldValue);
    }

    [Fact]
    public async Task Api_NoTokenGets401BeforeRouting()
    {
        var (status, error) = await _api.SendAsync(HttpMethod.Delete, InstancePath, role: null);

        Assert.Equal(401, status);
        Assert.Equal("AuthenticationFailed", error!["error"]!["code"]!.GetValue<string>());
    }

    private static string InstancePath => $"{GroupPath}/providers/Microsoft.AzureArcData/sqlServerInstances/sql-01?api-version=2024-01-01";

    private static string LicensePath(string name) => $"{GroupPath}/providers/Microsoft.AzureArcData/sqlServerLicenses/{name}?api-version=2026-01-01";
}
