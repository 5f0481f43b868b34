using ArcActors.Arm.Extensions;
using ArcActors.Contracts.Jobs;
using ArcActors.ReadModel;
using Xunit;

namespace ArcActors.Arm.Tests.Extensions;

/// <summary>The extension's provisioning state after each state of the machine's newest Deploy job.</summary>
public sealed class ExtensionProvisioningStateTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(JobState.Queued, "Update", "Updating")]
    [InlineData(JobState.Delivered, "Update", "Updating")]
    [InlineData(JobState.Running, "Install", "Updating")]
    [InlineData(JobState.Running, "Uninstall", "Deleting")]
    [InlineData(JobState.Failed, "Update", "Failed")]
    [InlineData(JobState.TimedOut, "Uninstall", "Failed")]
    [InlineData(JobState.Cancelled, "Update", "Canceled")]
    [InlineData(JobState.Succeeded, "Update", "Succeeded")]
    public void ProvisioningState_FollowsNewestDeployJob(JobState state, string operation, string expected)
    {
        Assert.Equal(expected, ExtensionJson.ProvisioningState(Job(state, operation)));
    }

    [Fact]
    public void ProvisioningState_NoDeployJobSucceeded()
    {
        Assert.Equal("Succeeded", ExtensionJson.ProvisioningState(null));
    }

    [Theory]
    [InlineData(JobState.Succeeded, "Uninstall", true)]
    [InlineData(JobState.Failed, "Uninstall", false)]
    [InlineData(JobState.Running, "Uninstall", false)]
    [InlineData(JobState.Succeeded, "Update", false)]
    public void IsUninstalled_OnlyAfterSucceededUninstall(JobState state, string operation, bool expected)
    {
        Assert.Equal(expected, ExtensionJson.IsUninstalled(Job(state, operation)));
    }

    private static JobRow Job(JobState state, string operation) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "", "/machines/m", JobKinds.Deploy, state, At, At, null, null, TimeSpan.FromHours(1), "test", "", "")
        {
            Parameters = new Dictionary<string, string> { ["operation"] = operation },
        };
}
