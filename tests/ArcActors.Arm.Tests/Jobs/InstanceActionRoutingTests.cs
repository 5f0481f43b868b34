using ArcActors.Arm.Auth;
using ArcActors.Arm.Jobs;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests.Jobs;

public sealed class InstanceActionRoutingTests
{
    private static string SalesId => InstanceId("SALES");

    [Theory]
    [InlineData("runBestPracticesAssessment", "runBestPracticesAssessment")]
    [InlineData("RUNBACKUP", "runBackup")]
    [InlineData("getjobsstatus", "getJobsStatus")]
    [InlineData("cancelJob", "cancelJob")]
    public void Parser_InstanceActionNamesActionAndInstance(string segment, string expectedAction)
    {
        var request = ArmRequestParser.Parse($"{SalesId}/{segment}");

        var action = Assert.IsType<ArmRequest.InstanceAction>(request);
        Assert.Equal(expectedAction, action.Action);
        Assert.Equal(SalesId, action.InstanceId);
    }

    [Fact]
    public void Parser_LatestAssessmentRoute()
    {
        var request = ArmRequestParser.Parse($"{SalesId}/bestPracticesAssessments/latest");

        var latest = Assert.IsType<ArmRequest.LatestAssessment>(request);
        Assert.Equal(SalesId, latest.InstanceId);
    }

    [Theory]
    [InlineData("/runTheWorld")]
    [InlineData("/bestPracticesAssessments/oldest")]
    [InlineData("/bestPracticesAssessments")]
    public void Parser_UnknownActionIsInvalidType(string suffix)
    {
        var request = ArmRequestParser.Parse(SalesId + suffix);

        var invalid = Assert.IsType<ArmRequest.Invalid>(request);
        Assert.Equal("InvalidResourceType", invalid.Error.Code);
    }

    [Fact]
    public void Parser_DatabasesStillParseBelowInstance()
    {
        var request = ArmRequestParser.Parse($"{SalesId}/databases/runBackup");

        var resource = Assert.IsType<ArmRequest.Resource>(request);
        Assert.Equal(ArmResourceTypes.Database, resource.Type);
    }

    [Fact]
    public void Parser_ActionOnMachineIsNotInstanceAction()
    {
        var request = ArmRequestParser.Parse($"{MachineId()}/runBackup");

        Assert.IsNotType<ArmRequest.InstanceAction>(request);
    }

    [Theory]
    [InlineData("runBestPracticesAssessment", ArmActions.RunBestPracticesAssessment)]
    [InlineData("runBackup", ArmActions.RunBackup)]
    [InlineData("getJobsStatus", ArmActions.GetJobsStatus)]
    [InlineData("cancelJob", ArmActions.CancelJob)]
    public void Rules_ActionNeedsItsPermissionAtInstance(string action, string expectedPermission)
    {
        var (permission, target) = ArmRequestRules.Permission(new ArmRequest.InstanceAction(SalesId, action), "POST");

        Assert.Equal(expectedPermission, permission);
        Assert.Equal(SalesId, target);
    }

    [Fact]
    public void Rules_LatestAssessmentNeedsReadAtInstance()
    {
        var (permission, target) = ArmRequestRules.Permission(new ArmRequest.LatestAssessment(SalesId), "GET");

        Assert.Equal(ArmActions.BestPracticesAssessmentsRead, permission);
        Assert.Equal(SalesId, target);
    }

    [Fact]
    public void Rules_ActionsAllowOnlyPostAndLatestOnlyGet()
    {
        var action = new ArmRequest.InstanceAction(SalesId, InstanceActions.RunBackup);
        var latest = new ArmRequest.LatestAssessment(SalesId);

        Assert.True(ArmRequestRules.Allows(action, "POST"));
        Assert.False(ArmRequestRules.Allows(action, "GET"));
        Assert.True(ArmRequestRules.Allows(latest, "GET"));
        Assert.False(ArmRequestRules.Allows(latest, "POST"));
    }

    [Theory]
    [InlineData("2024-01-01", true)]
    [InlineData("2026-01-01", false)]
    [InlineData(null, false)]
    public void Rules_ActionsTakeInstanceApiVersions(string? apiVersion, bool accepted)
    {
        var error = ArmRequestRules.CheckApiVersion(new ArmRequest.InstanceAction(SalesId, InstanceActions.GetJobsStatus), apiVersion);

        Assert.Equal(accepted, error is null);
    }

    [Fact]
    public void Roles_ContributorHasEveryJobAction()
    {
        Assert.True(ArmRoles.Contributor.Allows(ArmActions.RunBestPracticesAssessment));
        Assert.True(ArmRoles.Contributor.Allows(ArmActions.RunBackup));
        Assert.True(ArmRoles.Contributor.Allows(ArmActions.GetJobsStatus));
        Assert.True(ArmRoles.Contributor.Allows(ArmActions.CancelJob));
        Assert.True(ArmRoles.Contributor.Allows(ArmActions.BestPracticesAssessmentsRead));
    }

    [Fact]
    public void Roles_ReaderReadsLatestButCallsNoAction()
    {
        Assert.True(ArmRoles.Reader.Allows(ArmActions.BestPracticesAssessmentsRead));
        Assert.False(ArmRoles.Reader.Allows(ArmActions.GetJobsStatus));
        Assert.False(ArmRoles.Reader.Allows(ArmActions.RunBestPracticesAssessment));
        Assert.False(ArmRoles.Reader.Allows(ArmActions.RunBackup));
        Assert.False(ArmRoles.Reader.Allows(ArmActions.CancelJob));
    }
}
