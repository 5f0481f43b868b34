using ArcActors.Arm.Jobs;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests.Jobs;

/// <summary>Job action inputs that a new user got wrong: misspelled properties, a database not in the inventory, an instance that does not exist.</summary>
public sealed class JobReviewTests : IClassFixture<JobApiFixture>
{
    private readonly JobApiFixture _api;

    public JobReviewTests(JobApiFixture api)
    {
        _api = api;
        _api.Commands.Reset();
    }

    [Theory]
    [InlineData(InstanceActions.RunBackup, """{"database": "sales", "tpye": "Log"}""", "tpye")]
    [InlineData(InstanceActions.RunBestPracticesAssessment, """{"database": "sales"}""", "database")]
    [InlineData(InstanceActions.GetJobsStatus, """{"jobtype": "Backup", "state": "Failed"}""", "state")]
    [InlineData(InstanceActions.CancelJob, """{"jobId": "0f5c8d0e-6a7b-4f7e-9a51-2d3c4b5a6978", "force": true}""", "force")]
    public async Task JobAction_UnknownPropertyRejectedByName(string action, string body, string property)
    {
        var response = await _api.PostAsync(JobApiFixture.SalesId, action, body);

        Assert.Equal(400, response.Status);
        Assert.Contains($"'{property}'", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task RunBackup_DatabaseNotInInventoryNotFound()
    {
        var response = await _api.PostAsync(JobApiFixture.SalesId, InstanceActions.RunBackup, """{"database": "nosuchdb"}""");

        Assert.Equal(404, response.Status);
        Assert.Equal("DatabaseNotFound", response.ErrorCode);
        Assert.Contains("'nosuchdb'", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task GetJobsStatus_ShowsParameters()
    {
        var queued = await _api.PostAsync(JobApiFixture.SalesId, InstanceActions.RunBackup, """{"database": "sales", "type": "Log"}""");

        var response = await _api.PostAsync(JobApiFixture.SalesId, InstanceActions.GetJobsStatus);

        var entry = response.Body!["jobsStatus"]!.AsArray().Single(job => job!["id"]!.GetValue<string>() == queued.Body!["jobId"]!.GetValue<string>())!;
        Assert.Equal("sales", entry["parameters"]!["database"]!.GetValue<string>());
        Assert.Equal("Log", entry["parameters"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task CancelJob_UnknownInstanceNotFound()
    {
        var response = await _api.PostAsync(InstanceId("NOPE"), InstanceActions.CancelJob, """{"jobId": "0f5c8d0e-6a7b-4f7e-9a51-2d3c4b5a6978"}""");

        Assert.Equal(404, response.Status);
        Assert.Equal("ResourceNotFound", response.ErrorCode);
    }
}
