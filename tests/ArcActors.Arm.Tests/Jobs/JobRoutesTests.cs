using ArcActors.Arm.Auth;
using ArcActors.Arm.Jobs;
using ArcActors.Contracts.Jobs;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests.Jobs;

/// <summary>The relay job routes over real HTTPS with tokens, against <see cref="FakeJobCommands"/> and a real read store.</summary>
public sealed class JobRoutesTests : IClassFixture<JobApiFixture>
{
    private readonly JobApiFixture _api;

    public JobRoutesTests(JobApiFixture api)
    {
        _api = api;
        _api.Commands.Reset();
    }

    private static string SalesId => JobApiFixture.SalesId;

    private static string Text(System.Text.Json.Nodes.JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public async Task RunAssessment_PaygHostQueuesJob()
    {
        var before = DateTimeOffset.UtcNow;

        var response = await _api.PostAsync(SalesId, InstanceActions.RunBestPracticesAssessment);

        Assert.Equal(202, response.Status);
        var command = Assert.Single(_api.Commands.Enqueued);
        Assert.Equal(JobKinds.BestPracticesAssessment, command.Kind);
        Assert.Equal(VmId, command.VmId);
        Assert.Equal("SALES", command.InstanceName);
        Assert.Equal(TimeSpan.FromHours(1), command.Timeout);
        Assert.Equal(JobApiFixture.Principal("Contributor"), command.Caller);
        Assert.Empty(command.Parameters);
        Assert.InRange(command.QueuedAt, before, DateTimeOffset.UtcNow);
        Assert.Equal(command.JobId.ToString("D"), Text(response.Body!["jobId"]));
        Assert.Equal("Queued", Text(response.Body["status"]));
    }

    [Fact]
    public async Task RunAssessment_LocationPointsAtJobsStatus()
    {
        var response = await _api.PostAsync(SalesId, InstanceActions.RunBestPracticesAssessment, "{}");

        Assert.Equal(202, response.Status);
        Assert.Equal($"{SalesId}/getJobsStatus", response.Location!.AbsolutePath);
        Assert.Equal("?api-version=2024-01-01", response.Location.Query);
    }

    [Fact]
    public async Task RunAssessment_LicenseOnlyHostRejected()
    {
        var response = await _api.PostAsync(JobApiFixture.ArchiveId, InstanceActions.RunBestPracticesAssessment);

        Assert.Equal(409, response.Status);
        Assert.Equal(FeatureLicensing.RejectionCode, response.ErrorCode);
        Assert.Contains(JobApiFixture.LicenseOnlyHost, response.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Best practices assessment", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Paid or PAYG", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task RunBackup_LicenseOnlyHostRejected()
    {
        var response = await _api.PostAsync(JobApiFixture.ArchiveId, InstanceActions.RunBackup, """{"database": "archive"}""");

        Assert.Equal(409, response.Status);
        Assert.Contains("Automated backups", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task RunAssessment_UnknownInstanceNotFound()
    {
        var response = await _api.PostAsync(InstanceId("NOPE"), InstanceActions.RunBestPracticesAssessment);

        Assert.Equal(404, response.Status);
        Assert.Equal("ResourceNotFound", response.ErrorCode);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task RunBackup_QueuesDatabaseAndType()
    {
        var response = await _api.PostAsync(SalesId, InstanceActions.RunBackup, """{"database": "sales", "type": "log"}""");

        Assert.Equal(202, response.Status);
        var command = Assert.Single(_api.Commands.Enqueued);
        Assert.Equal(JobKinds.Backup, command.Kind);
        Assert.Equal(TimeSpan.FromHours(2), command.Timeout);
        Assert.Equal("sales", command.Parameter("database"));
        Assert.Equal("Log", command.Parameter("type"));
        Assert.Equal("Log", Text(response.Body!["parameters"]!["type"]));
    }

    [Theory]
    [InlineData(null, "'database'")]
    [InlineData("""{"type": "Full"}""", "'database'")]
    [InlineData("""{"database": "sales", "type": "Snapshot"}""", "Full, Differential, Log")]
    public async Task RunBackup_InvalidBodyRejected(string? body, string expectedInMessage)
    {
        var response = await _api.PostAsync(SalesId, InstanceActions.RunBackup, body);

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidParameter", response.ErrorCode);
        Assert.Contains(expectedInMessage, response.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task RunBackup_MalformedJsonRejected()
    {
        var response = await _api.PostAsync(SalesId, InstanceActions.RunBackup, """{"database": """);

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidRequestContent", response.ErrorCode);
    }

    [Theory]
    [InlineData("QueueFull", 429)]
    [InlineData("DuplicateJobId", 409)]
    [InlineData("InvalidJob", 400)]
    [InlineData(JobCommandReply.GatewayTimeoutCode, 504)]
    public async Task RunAssessment_QueueRefusalMapsToStatus(string code, int expectedStatus)
    {
        _api.Commands.RefuseWith = code;

        var response = await _api.PostAsync(SalesId, InstanceActions.RunBestPracticesAssessment);

        Assert.Equal(expectedStatus, response.Status);
        Assert.Equal(code, response.ErrorCode);
    }

    [Fact]
    public async Task GetJobsStatus_ShowsQueuedJob()
    {
        var queued = await _api.PostAsync(SalesId, InstanceActions.RunBestPracticesAssessment);
        var jobId = Text(queued.Body!["jobId"]);

        var response = await _api.PostAsync(SalesId, InstanceActions.GetJobsStatus);

        Assert.Equal(200, response.Status);
        var entry = response.Body!["jobsStatus"]!.AsArray().Single(job => Text(job!["id"]) == jobId)!;
        Assert.Equal("SALES", Text(entry["instanceName"]));
        Assert.Equal(JobKinds.BestPracticesAssessment, Text(entry["jobType"]));
        Assert.Equal("Queued", Text(entry["jobStatus"]));
        Assert.Null(entry["jobException"]);
        Assert.Null(entry["result"]);
        Assert.Equal("Queued", Text(entry["backgroundJob"]!["state"]));
        Assert.Null(entry["backgroundJob"]!["lastExecutionStatus"]);
        Assert.Equal(JobApiFixture.Principal("Contributor"), Text(entry["caller"]));
    }

    [Fact]
    public async Task GetJobsStatus_JobTypeFiltersKind()
    {
        await _api.PostAsync(SalesId, InstanceActions.RunBestPracticesAssessment);
        await _api.PostAsync(SalesId, InstanceActions.RunBackup, """{"database": "sales"}""");

        var response = await _api.PostAsync(SalesId, InstanceActions.GetJobsStatus, """{"jobType": "Backup"}""");

        var kinds = response.Body!["jobsStatus"]!.AsArray().Select(job => Text(job!["jobType"])).Distinct().ToList();
        Assert.Equal([JobKinds.Backup], kinds);
    }

    [Fact]
    public async Task GetJobsStatus_FailedJobShowsException()
    {
        var queued = await _api.PostAsync(SalesId, InstanceActions.RunBackup, """{"database": "sales"}""");
        var jobId = Guid.Parse(Text(queued.Body!["jobId"]));
        var at = DateTimeOffset.UtcNow;
        _api.Commands.Project(new JobStateChanged(VmId, jobId, JobState.Running, "", "", at, "host"));
        _api.Commands.Project(new JobStateChanged(VmId, jobId, JobState.Failed, "disk full", "", at.AddMinutes(1), "host"));

        var response = await _api.PostAsync(SalesId, InstanceActions.GetJobsStatus);

        var entry = response.Body!["jobsStatus"]!.AsArray().Single(job => Text(job!["id"]) == jobId.ToString("D"))!;
        Assert.Equal("Failed", Text(entry["jobStatus"]));
        Assert.Equal("disk full", Text(entry["jobException"]));
        Assert.Equal("Failed", Text(entry["backgroundJob"]!["lastExecutionStatus"]));
        Assert.NotNull(entry["backgroundJob"]!["startTime"]);
        Assert.NotNull(entry["backgroundJob"]!["endTime"]);
    }

    [Fact]
    public async Task GetJobsStatus_UnknownJobTypeRejected()
    {
        var response = await _api.PostAsync(SalesId, InstanceActions.GetJobsStatus, """{"jobType": "Defrag"}""");

        Assert.Equal(400, response.Status);
        Assert.Contains("'jobType'", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJobsStatus_ReaderForbidden()
    {
        var response = await _api.PostAsync(SalesId, InstanceActions.GetJobsStatus, role: "Reader");

        Assert.Equal(403, response.Status);
        Assert.Contains(ArmActions.GetJobsStatus, response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAssessment_ReaderForbidden()
    {
        var response = await _api.PostAsync(SalesId, InstanceActions.RunBestPracticesAssessment, role: "Reader");

        Assert.Equal(403, response.Status);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task RunAssessment_TokenOfOtherGroupForbidden()
    {
        var response = await _api.SendAsync(HttpMethod.Post, $"{SalesId}/runBestPracticesAssessment?api-version=2024-01-01",
            scope: $"/subscriptions/{Scope.SubscriptionId}/resourceGroups/other");

        Assert.Equal(403, response.Status);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task RunBackup_GetNotAllowed()
    {
        var response = await _api.SendAsync(HttpMethod.Get, $"{SalesId}/runBackup?api-version=2024-01-01");

        Assert.Equal(405, response.Status);
        Assert.Contains("POST", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunBackup_WrongApiVersionRejected()
    {
        var response = await _api.SendAsync(HttpMethod.Post, $"{SalesId}/runBackup?api-version=2026-01-01", body: """{"database": "sales"}""");

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidApiVersionParameter", response.ErrorCode);
    }

    [Fact]
    public async Task ReadOnlyApi_RunRejectedButStatusServed()
    {
        var run = await _api.PostAsync(SalesId, InstanceActions.RunBestPracticesAssessment, readOnlyApi: true);
        var status = await _api.PostAsync(SalesId, InstanceActions.GetJobsStatus, readOnlyApi: true);

        Assert.Equal(405, run.Status);
        Assert.Equal("MethodNotAllowed", run.ErrorCode);
        Assert.Equal(200, status.Status);
        Assert.NotNull(status.Body!["jobsStatus"]);
    }

    [Fact]
    public async Task CancelJob_QueuedJobCancelled()
    {
        var queued = await _api.PostAsync(SalesId, InstanceActions.RunBackup, """{"database": "sales"}""");
        var jobId = Text(queued.Body!["jobId"]);

        var response = await _api.PostAsync(SalesId, InstanceActions.CancelJob, $$"""{"jobId": "{{jobId}}"}""");
        var status = await _api.PostAsync(SalesId, InstanceActions.GetJobsStatus);

        Assert.Equal(200, response.Status);
        Assert.Equal("Cancelled", Text(response.Body!["status"]));
        var cancel = Assert.Single(_api.Commands.Cancelled);
        Assert.Equal(JobApiFixture.Principal("Contributor"), cancel.Caller);
        var entry = status.Body!["jobsStatus"]!.AsArray().Single(job => Text(job!["id"]) == jobId)!;
        Assert.Equal("Cancelled", Text(entry["jobStatus"]));
    }

    [Fact]
    public async Task CancelJob_UnknownJobNotFound()
    {
        var response = await _api.PostAsync(SalesId, InstanceActions.CancelJob, $$"""{"jobId": "{{Guid.NewGuid()}}"}""");

        Assert.Equal(404, response.Status);
        Assert.Equal("JobNotFound", response.ErrorCode);
        Assert.Empty(_api.Commands.Cancelled);
    }

    [Fact]
    public async Task CancelJob_JobOfOtherInstanceNotFound()
    {
        var queued = await _api.PostAsync(SalesId, InstanceActions.RunBestPracticesAssessment);
        var jobId = Text(queued.Body!["jobId"]);

        var response = await _api.PostAsync(JobApiFixture.ArchiveId, InstanceActions.CancelJob, $$"""{"jobId": "{{jobId}}"}""");

        Assert.Equal(404, response.Status);
        Assert.Empty(_api.Commands.Cancelled);
    }

    [Theory]
    [InlineData("JobRunning")]
    [InlineData("JobEnded")]
    public async Task CancelJob_StartedJobConflict(string code)
    {
        var queued = await _api.PostAsync(SalesId, InstanceActions.RunBestPracticesAssessment);
        _api.Commands.RefuseWith = code;

        var response = await _api.PostAsync(SalesId, InstanceActions.CancelJob, $$"""{"jobId": "{{Text(queued.Body!["jobId"])}}"}""");

        Assert.Equal(409, response.Status);
        Assert.Equal(code, response.ErrorCode);
    }
    [Fact]
    public async Task LatestAssessment_NoneYetNotFound()
    {
        var response = await _api.SendAsync(HttpMethod.Get, $"{JobApiFixture.ArchiveId}/bestPracticesAssessments/latest?api-version=2024-01-01", role: "Reader");

        Assert.Equal(404, response.Status);
        Assert.Equal("AssessmentNotFound", response.ErrorCode);
        Assert.Contains("POST", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("runBestPracticesAssessment", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LatestAssessment_UnknownInstanceNotFound()
    {
        var response = await _api.SendAsync(HttpMethod.Get, $"{InstanceId("NOPE")}/bestPracticesAssessments/latest?api-version=2024-01-01", role: "Reader");

        Assert.Equal(404, response.Status);
        Assert.Equal("ResourceNotFound", response.ErrorCode);
    }

    [Fact]
    public async Task LatestAssessment_ReturnsNewestSucceededResult()
    {
        var start = DateTimeOffset.UtcNow;
        await EndAssessmentAsync(JobState.Succeeded, """{"findings": 1}""", start);
        await EndAssessmentAsync(JobState.Succeeded, """{"findings": 2}""", start.AddMinutes(10));
        await EndAssessmentAsync(JobState.Failed, "", start.AddMinutes(20));

        var response = await _api.SendAsync(HttpMethod.Get, $"{SalesId}/bestPracticesAssessments/latest?api-version=2024-01-01", role: "Reader");

        Assert.Equal(200, response.Status);
        Assert.Equal(2, response.Body!["findings"]!.GetValue<int>());
    }

    // Queues an assessment through the API, then projects the host's reports that end it at endedAt.
    private async Task EndAssessmentAsync(JobState state, string result, DateTimeOffset endedAt)
    {
        var queued = await _api.PostAsync(SalesId, InstanceActions.RunBestPracticesAssessment);
        var jobId = Guid.Parse(Text(queued.Body!["jobId"]));
        _api.Commands.Project(new JobStateChanged(VmId, jobId, JobState.Running, "", "", endedAt.AddMinutes(-1), "host"));
        _api.Commands.Project(new JobStateChanged(VmId, jobId, state, state == JobState.Failed ? "assessment failed" : "", result, endedAt, "host"));
    }
}
