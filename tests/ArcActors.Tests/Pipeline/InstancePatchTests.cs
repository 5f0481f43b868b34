using System.Text.Json.Nodes;
using ArcActors.Contracts.Jobs;
using Xunit;
using static ArcActors.Tests.Pipeline.ApiNode;

namespace ArcActors.Tests.Pipeline;

/// <summary>PATCH of an instance's backup policy and monitoring through the API, persisted by its entity and logged with the caller.</summary>
public sealed class InstancePatchTests : IAsyncLifetime
{
    private static readonly string Fleet = $$"""
        subscriptionId: {{Subscription}}
        resourceGroup: rg
        start: 2026-11-30T00:00:00Z
        hosts:
          - name: sql-paid
            logicalProcessors: 4
            extension: { licenseType: Paid }
            instances:
              - name: MSSQLSERVER
                edition: Enterprise
                version: 16.0.4135.4
                databases:
                  - { name: sales }
          - name: sql-license-only
            logicalProcessors: 4
            extension: { licenseType: LicenseOnly }
            instances:
              - name: MSSQLSERVER
                edition: Standard
                version: 16.0.4135.4
        """;

    private ApiNode _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiNode.StartAsync(Fleet);
        Assert.Empty(await _api.CycleAsync());
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task InstancePatch_BackupPolicyPersistedAndLogged()
    {
        var (status, reply) = await PatchAsync("sql-paid", """{"properties":{"backupPolicy":{"retentionPeriodDays":14,"transactionLogBackupMinutes":15}}}""");

        Assert.Equal(200, status);
        Assert.Equal(14, reply!["properties"]!["backupPolicy"]!["retentionPeriodDays"]!.GetValue<int>());
        await _api.Node.Dps.CatchUpAsync(TimeSpan.FromMinutes(1));
        var stored = await _api.GetAsync(InstancePath("sql-paid"));
        var policy = stored["properties"]!["backupPolicy"]!;
        Assert.Equal(14, policy["retentionPeriodDays"]!.GetValue<int>());
        Assert.Equal(7, policy["fullBackupDays"]!.GetValue<int>());
        Assert.Equal(15, policy["transactionLogBackupMinutes"]!.GetValue<int>());

        var log = await _api.GetAsync($"/subscriptions/{Subscription}/providers/Microsoft.Insights/eventtypes/management/values?api-version=2015-04-01"
            + $"&$filter=eventTimestamp ge '{DateTimeOffset.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ssZ}'");
        var entry = log["value"]!.AsArray().Single(e => e!["caller"]!.GetValue<string>() == "contributor@example.test"
            && e["operationName"]!["value"]!.GetValue<string>() == "Microsoft.AzureArcData/sqlServerInstances/write");
        Assert.Contains("retentionPeriodDays", entry!["properties"]!["changes"]!.GetValue<string>());
    }

    [Fact]
    public async Task InstancePatch_SameValueWritesNoSecondEntry()
    {
        const string body = """{"properties":{"monitoring":{"enabled":false}}}""";
        Assert.Equal(200, (await PatchAsync("sql-paid", body)).Status);
        Assert.Equal(200, (await PatchAsync("sql-paid", body)).Status);
        await _api.Node.Dps.CatchUpAsync(TimeSpan.FromMinutes(1));

        var rows = _api.Node.Store.QueryActivity(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), InstancePath("sql-paid").Split('?')[0],
            null, null, 100);

        Assert.Single(rows, row => row.Caller == "contributor@example.test");
        Assert.False((await _api.GetAsync(InstancePath("sql-paid")))["properties"]!["monitoring"]!["enabled"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{"properties":{"backupPolicy":{"retentionPeriodDays":36}}}""", 400, "InvalidParameter", "36")]
    [InlineData("""{"properties":{"backupPolicy":{"differentialBackupHours":6}}}""", 400, "InvalidParameter", "12 or 24")]
    [InlineData("""{"properties":{"edition":"Developer"}}""", 400, "InvalidRequestContent", "edition")]
    [InlineData("""not json""", 400, "InvalidRequestContent", "not valid JSON")]
    [InlineData("""[1, 2]""", 400, "InvalidRequestContent", "JSON object")]
    [InlineData("""{"properties":{"monitoring":{"enabled":"yes"}}}""", 400, "InvalidRequestContent", "monitoring")]
    public async Task InstancePatch_BadBodyRejectedAndNothingChanged(string body, int status, string code, string named)
    {
        var (actual, error) = await PatchAsync("sql-paid", body);

        Assert.Equal(status, actual);
        Assert.Equal(code, error!["error"]!["code"]!.GetValue<string>());
        Assert.Contains(named, error["error"]!["message"]!.GetValue<string>());
        await _api.Node.Dps.CatchUpAsync(TimeSpan.FromMinutes(1));
        Assert.Null((await _api.GetAsync(InstancePath("sql-paid")))["properties"]!["backupPolicy"]);
    }

    [Fact]
    public async Task InstancePatch_OversizeBodyRejected()
    {
        var body = "{\"properties\":{},\"tags\":{\"x\":\"" + new string('a', 70_000) + "\"}}";

        var (status, error) = await PatchAsync("sql-paid", body);

        Assert.Equal(413, status);
        Assert.Equal("RequestEntityTooLarge", error!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task InstancePatch_LicenseOnlyHostRefusesBackups()
    {
        var (status, error) = await PatchAsync("sql-license-only", """{"properties":{"backupPolicy":{"retentionPeriodDays":7}}}""");

        Assert.Equal(409, status);
        Assert.Equal(FeatureLicensing.RejectionCode, error!["error"]!["code"]!.GetValue<string>());
        var message = error["error"]!["message"]!.GetValue<string>();
        Assert.Contains("sql-license-only", message);
        Assert.Contains("LicenseOnly", message);
        Assert.Contains("Automated backups", message);
    }

    [Fact]
    public async Task InstancePatch_ReaderForbidden()
    {
        var (status, error) = await _api.SendAsync(HttpMethod.Patch, InstancePath("sql-paid"), "Reader", """{"properties":{}}""");

        Assert.Equal(403, status);
        Assert.Equal("AuthorizationFailed", error!["error"]!["code"]!.GetValue<string>());
        Assert.Contains("Microsoft.AzureArcData/sqlServerInstances/write", error["error"]!["message"]!.GetValue<string>());
    }

    private Task<(int Status, JsonObject? Body)> PatchAsync(string host, string body) =>
        _api.SendAsync(HttpMethod.Patch, InstancePath(host), "Contributor", body);

    private static string InstancePath(string host) =>
        $"{GroupPath}/providers/Microsoft.AzureArcData/sqlServerInstances/{host}?api-version=2024-01-01";
}
