using System.Text.Json.Nodes;
using Xunit;
using static ArcActors.Tests.Pipeline.ApiNode;

namespace ArcActors.Tests.Pipeline;

/// <summary>
/// Relay jobs through the API of a whole embedded node: the job reaches the host's relay queue, the read store
/// shows it through getJobsStatus and the activity log, and license gating uses the host's inventoried license type.
/// No relay listener runs on these hosts, so jobs stay Queued.
/// </summary>
public sealed class RelayJobApiTests : IAsyncLifetime
{
    private const string JobOperation = "Microsoft.AzureArcData/sqlServerInstances/jobs/write";

    private static readonly string Fleet = $$"""
        subscriptionId: {{Subscription}}
        resourceGroup: rg
        start: 2026-11-30T00:00:00Z
        hosts:
          - name: sql-paid
            logicalProcessors: 4
            extension: { licenseType: Paid }
            instances:
              - name: SALES
                edition: Enterprise
                version: 16.0.4135.4
                databases:
                  - name: orders
          - name: sql-license-only
            logicalProcessors: 4
            extension: { licenseType: LicenseOnly }
            instances:
              - name: ARCHIVE
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

    private static string InstanceId(string name) => $"{GroupPath}/providers/Microsoft.AzureArcData/sqlServerInstances/{name}";

    private Task<(int Status, JsonObject? Body)> PostAsync(string instance, string action, string? body = null) =>
        _api.SendAsync(HttpMethod.Post, $"{InstanceId(instance)}/{action}?api-version=2024-01-01", "Contributor", body);

    [Fact]
    public async Task RunAssessment_PaidHostQueuedAndListed()
    {
        var (status, accepted) = await PostAsync("sql-paid_SALES", "runBestPracticesAssessment");
        var jobId = accepted!["jobId"]!.GetValue<string>();

        var (listStatus, list) = await PostAsync("sql-paid_SALES", "getJobsStatus", """{"jobType": "BestPracticesAssessment"}""");

        Assert.Equal(202, status);
        Assert.Equal("Queued", accepted["status"]!.GetValue<string>());
        Assert.Equal(200, listStatus);
        var entry = Assert.Single(list!["jobsStatus"]!.AsArray());
        Assert.Equal(jobId, entry!["id"]!.GetValue<string>());
        Assert.Equal("Queued", entry["jobStatus"]!.GetValue<string>());
        Assert.Equal("SALES", entry["instanceName"]!.GetValue<string>());
        Assert.Equal("contributor@example.test", entry["caller"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAssessment_LicenseOnlyHostRejected()
    {
        var (status, body) = await PostAsync("sql-license-only_ARCHIVE", "runBestPracticesAssessment");
        var (_, list) = await PostAsync("sql-license-only_ARCHIVE", "getJobsStatus");

        Assert.Equal(409, status);
        var message = body!["error"]!["message"]!.GetValue<string>();
        Assert.Equal("FeatureNeedsPaidLicense", body["error"]!["code"]!.GetValue<string>());
        Assert.Contains("sql-license-only", message, StringComparison.Ordinal);
        Assert.Contains("Best practices assessment", message, StringComparison.Ordinal);
        Assert.Contains("Paid or PAYG", message, StringComparison.Ordinal);
        Assert.Empty(list!["jobsStatus"]!.AsArray());
    }

    [Fact]
    public async Task RunAssessment_ActivityLogShowsJob()
    {
        var (_, accepted) = await PostAsync("sql-paid_SALES", "runBestPracticesAssessment");
        var jobId = accepted!["jobId"]!.GetValue<string>();

        var log = await _api.GetAsync($"/subscriptions/{Subscription}/providers/Microsoft.Insights/eventtypes/management/values?api-version=2015-04-01"
            + $"&$filter=eventTimestamp ge '{DateTimeOffset.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ssZ}'");

        var entry = Assert.Single(log["value"]!.AsArray(), e => e!["operationName"]!["value"]!.GetValue<string>() == JobOperation);
        Assert.Equal(InstanceId("sql-paid_SALES"), entry!["resourceId"]!.GetValue<string>());
        Assert.Equal("contributor@example.test", entry["caller"]!.GetValue<string>());
        Assert.Contains(jobId, entry["properties"]!["changes"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelJob_QueuedJobCancelledInQueue()
    {
        var (_, accepted) = await PostAsync("sql-paid_SALES", "runBackup", """{"database": "orders", "type": "Full"}""");
        var jobId = accepted!["jobId"]!.GetValue<string>();

        var (status, cancelled) = await PostAsync("sql-paid_SALES", "cancelJob", $$"""{"jobId": "{{jobId}}"}""");
        var (_, list) = await PostAsync("sql-paid_SALES", "getJobsStatus");

        Assert.Equal(200, status);
        Assert.Equal("Cancelled", cancelled!["status"]!.GetValue<string>());
        var entry = Assert.Single(list!["jobsStatus"]!.AsArray(), job => job!["id"]!.GetValue<string>() == jobId);
        Assert.Equal("Cancelled", entry!["jobStatus"]!.GetValue<string>());
    }
}
