using System.Text.Json.Nodes;
using ArcActors.Contracts.Jobs;
using Xunit;
using static ArcActors.Tests.Pipeline.ApiNode;

namespace ArcActors.Tests.Pipeline;

/// <summary>PATCH of a database's own backup policy through the API: checked, persisted by the instance's entity, logged and sent to the host.</summary>
public sealed class DatabasePatchTests : IAsyncLifetime
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
                  - { name: staging }
          - name: sql-license-only
            logicalProcessors: 4
            extension: { licenseType: LicenseOnly }
            instances:
              - name: MSSQLSERVER
                edition: Standard
                version: 16.0.4135.4
                databases:
                  - { name: hr }
        """;

    private ApiNode _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiNode.StartAsync(Fleet);
        Assert.Empty(await _api.CycleAsync());
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task DatabasePatch_PolicyShownLoggedAndQueued()
    {
        var (status, reply) = await PatchAsync("sql-paid", "sales", """{"properties":{"backupPolicy":{"retentionPeriodDays":3,"transactionLogBackupMinutes":15}}}""");

        Assert.Equal(200, status);
        Assert.Equal(3, reply!["properties"]!["backupPolicy"]!["retentionPeriodDays"]!.GetValue<int>());
        await _api.Node.Dps.CatchUpAsync(TimeSpan.FromMinutes(1));
        var policy = (await _api.GetAsync(DatabasePath("sql-paid", "sales")))["properties"]!["backupPolicy"]!;
        Assert.Equal(3, policy["retentionPeriodDays"]!.GetValue<int>());
        Assert.Equal(7, policy["fullBackupDays"]!.GetValue<int>());
        Assert.Equal(24, policy["differentialBackupHours"]!.GetValue<int>());
        Assert.Equal(15, policy["transactionLogBackupMinutes"]!.GetValue<int>());
        Assert.Null((await _api.GetAsync(DatabasePath("sql-paid", "staging")))["properties"]!["backupPolicy"]);
        Assert.Null((await _api.GetAsync(InstancePath("sql-paid")))["properties"]!["backupPolicy"]);

        var rows = _api.Node.Store.QueryActivity(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1),
            DatabasePath("sql-paid", "sales").Split('?')[0], null, null, 100);
        var entry = Assert.Single(rows, row => row.Caller == "contributor@example.test");
        Assert.Contains(entry.Changes, change => change.Property == "backupPolicy.retentionPeriodDays" && change.NewValue == "3");

        var job = Assert.Single(_api.Node.Store.ListJobs(InstancePath("sql-paid").Split('?')[0], JobKinds.SetBackupPolicy));
        Assert.Equal("sales", job.Parameters["database"]);
        Assert.Contains("\"retentionPeriodDays\":3", job.Parameters["policy"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabasePatch_NullRemovesPolicy()
    {
        Assert.Equal(200, (await PatchAsync("sql-paid", "sales", """{"properties":{"backupPolicy":{"retentionPeriodDays":0}}}""")).Status);
        await _api.Node.Dps.CatchUpAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await _api.GetAsync(DatabasePath("sql-paid", "sales")))["properties"]!["backupPolicy"]!["retentionPeriodDays"]!.GetValue<int>());

        var (status, reply) = await PatchAsync("sql-paid", "sales", """{"properties":{"backupPolicy":null}}""");

        Assert.Equal(200, status);
        Assert.Null(reply!["properties"]!["backupPolicy"]);
        await _api.Node.Dps.CatchUpAsync(TimeSpan.FromMinutes(1));
        Assert.Null((await _api.GetAsync(DatabasePath("sql-paid", "sales")))["properties"]!["backupPolicy"]);
        var jobs = _api.Node.Store.ListJobs(InstancePath("sql-paid").Split('?')[0], JobKinds.SetBackupPolicy);
        Assert.Equal(2, jobs.Count);
        Assert.Contains(jobs, job => job.Parameters["database"] == "sales" && job.Parameters["policy"] == "");
    }

    [Fact]
    public async Task DatabasePatch_SameValueWritesNoSecondEntry()
    {
        const string body = """{"properties":{"backupPolicy":{"retentionPeriodDays":5}}}""";
        Assert.Equal(200, (await PatchAsync("sql-paid", "staging", body)).Status);
        Assert.Equal(200, (await PatchAsync("sql-paid", "staging", body)).Status);
        await _api.Node.Dps.CatchUpAsync(TimeSpan.FromMinutes(1));

        var rows = _api.Node.Store.QueryActivity(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1),
            DatabasePath("sql-paid", "staging").Split('?')[0], null, null, 100);

        Assert.Single(rows, row => row.Caller == "contributor@example.test");
    }

    [Theory]
    [InlineData("""{"properties":{"backupPolicy":{"retentionPeriodDays":36}}}""", 400, "InvalidParameter", "36")]
    [InlineData("""{"properties":{"backupPolicy":{"differentialBackupHours":6}}}""", 400, "InvalidParameter", "12 or 24")]
    [InlineData("""{"properties":{"backupPolicy":{"weeklyBackupDays":1}}}""", 400, "InvalidRequestContent", "weeklyBackupDays")]
    [InlineData("""{"properties":{"backupPolicy":"daily"}}""", 400, "InvalidRequestContent", "must be an object")]
    [InlineData("""{"properties":{"state":"Offline"}}""", 400, "InvalidRequestContent", "properties.state")]
    [InlineData("""{"properties":{}}""", 400, "InvalidRequestContent", "backupPolicy")]
    [InlineData("""{"tags":{"a":"b"}}""", 400, "InvalidRequestContent", "tags")]
    [InlineData("""not json""", 400, "InvalidRequestContent", "not valid JSON")]
    public async Task DatabasePatch_BadBodyRejectedAndNothingChanged(string body, int status, string code, string named)
    {
        var (actual, error) = await PatchAsync("sql-paid", "sales", body);

        Assert.Equal(status, actual);
        Assert.Equal(code, error!["error"]!["code"]!.GetValue<string>());
        Assert.Contains(named, error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await _api.Node.Dps.CatchUpAsync(TimeSpan.FromMinutes(1));
        Assert.Null((await _api.GetAsync(DatabasePath("sql-paid", "sales")))["properties"]!["backupPolicy"]);
        Assert.Empty(_api.Node.Store.ListJobs(InstancePath("sql-paid").Split('?')[0], JobKinds.SetBackupPolicy));
    }

    [Fact]
    public async Task DatabasePatch_UnknownDatabaseNotFound()
    {
        var (status, error) = await PatchAsync("sql-paid", "missing", """{"properties":{"backupPolicy":{"retentionPeriodDays":7}}}""");

        Assert.Equal(404, status);
        Assert.Equal("ResourceNotFound", error!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task DatabasePatch_LicenseOnlyHostRefusesBackups()
    {
        var (status, error) = await PatchAsync("sql-license-only", "hr", """{"properties":{"backupPolicy":{"retentionPeriodDays":7}}}""");

        Assert.Equal(409, status);
        Assert.Equal("FeatureNeedsPaidLicense", error!["error"]!["code"]!.GetValue<string>());
        Assert.Contains("LicenseOnly", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabasePatch_LicenseOnlyAllowsRetentionZero()
    {
        var (status, _) = await PatchAsync("sql-license-only", "hr", """{"properties":{"backupPolicy":{"retentionPeriodDays":0}}}""");

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task DatabasePatch_ReaderForbidden()
    {
        var (status, error) = await _api.SendAsync(HttpMethod.Patch, DatabasePath("sql-paid", "sales"), "Reader", """{"properties":{"backupPolicy":null}}""");

        Assert.Equal(403, status);
        Assert.Contains("Microsoft.AzureArcData/sqlServerInstances/databases/write", error!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private Task<(int Status, JsonObject? Body)> PatchAsync(string host, string database, string body) =>
        _api.SendAsync(HttpMethod.Patch, DatabasePath(host, database), "Contributor", body);

    private static string InstancePath(string host) =>
        $"{GroupPath}/providers/Microsoft.AzureArcData/sqlServerInstances/{host}?api-version=2024-01-01";

    private static string DatabasePath(string host, string database) =>
        $"{GroupPath}/providers/Microsoft.AzureArcData/sqlServerInstances/{host}/databases/{database}?api-version=2024-01-01";
}
