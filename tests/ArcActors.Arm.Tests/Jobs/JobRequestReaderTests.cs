using System.Text.Json.Nodes;
using ArcActors.Arm.Jobs;
using ArcActors.Contracts.Jobs;

namespace ArcActors.Arm.Tests.Jobs;

public sealed class JobRequestReaderTests
{
    private static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    [Theory]
    [InlineData("""{"database": "sales", "type": "Full"}""", "sales", "Full")]
    [InlineData("""{"database": "sales", "type": "log"}""", "sales", "Log")]
    [InlineData("""{"DATABASE": "hr/2024", "type": "DIFFERENTIAL"}""", "hr/2024", "Differential")]
    [InlineData("""{"database": "sales"}""", "sales", "Full")]
    public void ReadBackup_ValidBodyGivesParameters(string json, string database, string type)
    {
        var (parameters, error) = JobRequestReader.ReadBackup(Body(json));

        Assert.Null(error);
        Assert.Equal(database, parameters!["database"]);
        Assert.Equal(type, parameters["type"]);
    }

    [Theory]
    [InlineData("{}", "'database'")]
    [InlineData("""{"database": "  "}""", "'database'")]
    [InlineData("""{"database": 42}""", "'database'")]
    [InlineData("""{"database": "sales", "type": "Incremental"}""", "Full, Differential, Log")]
    [InlineData("""{"database": "sales", "type": true}""", "'type'")]
    public void ReadBackup_InvalidBodyNamesField(string json, string expectedInMessage)
    {
        var (parameters, error) = JobRequestReader.ReadBackup(Body(json));

        Assert.Null(parameters);
        Assert.Equal(400, error!.Status);
        Assert.Equal("InvalidParameter", error.Code);
        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadBackup_DatabaseNameOver128CharactersRejected()
    {
        var longest = new string('d', JobRequestReader.MaxDatabaseNameLength);
        var tooLong = longest + "d";

        var (accepted, acceptedError) = JobRequestReader.ReadBackup(Body($$"""{"database": "{{longest}}"}"""));
        var (rejected, rejectedError) = JobRequestReader.ReadBackup(Body($$"""{"database": "{{tooLong}}"}"""));

        Assert.Null(acceptedError);
        Assert.Equal(longest, accepted!["database"]);
        Assert.Null(rejected);
        Assert.Contains("129 characters", rejectedError!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", null)]
    [InlineData("""{"jobType": "backup"}""", JobKinds.Backup)]
    [InlineData("""{"featureName": "BestPracticesAssessment"}""", JobKinds.BestPracticesAssessment)]
    [InlineData("""{"featureName": "Backup", "jobType": "BACKUP"}""", JobKinds.Backup)]
    public void ReadStatusFilter_GivesKind(string json, string? expectedKind)
    {
        var (kind, error) = JobRequestReader.ReadStatusFilter(Body(json));

        Assert.Null(error);
        Assert.Equal(expectedKind, kind);
    }

    [Theory]
    [InlineData("""{"jobType": "Defrag"}""", "'jobType'")]
    [InlineData("""{"featureName": "Defrag"}""", "'featureName'")]
    [InlineData("""{"featureName": "Backup", "jobType": "Deploy"}""", "different job kinds")]
    public void ReadStatusFilter_InvalidFilterNamesField(string json, string expectedInMessage)
    {
        var (_, error) = JobRequestReader.ReadStatusFilter(Body(json));

        Assert.Equal(400, error!.Status);
        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadJobId_ParsesGuid()
    {
        var jobId = Guid.NewGuid();

        var (read, error) = JobRequestReader.ReadJobId(Body($$"""{"jobId": "{{jobId}}"}"""));

        Assert.Null(error);
        Assert.Equal(jobId, read);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"jobId": "not-a-guid"}""")]
    [InlineData("""{"jobId": "00000000-0000-0000-0000-000000000000"}""")]
    public void ReadJobId_InvalidIdNamesField(string json)
    {
        var (_, error) = JobRequestReader.ReadJobId(Body(json));

        Assert.Equal(400, error!.Status);
        Assert.Contains("'jobId'", error.Message, StringComparison.Ordinal);
    }
}
