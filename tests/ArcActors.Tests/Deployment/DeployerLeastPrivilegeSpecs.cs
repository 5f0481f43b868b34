using Akka.Actor;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Deployment;
using Xunit;
using Deployer = ArcActors.Host.Deployment.Deployer;
using static ArcActors.Tests.Deployment.LeastPrivilegeFixture;

namespace ArcActors.Tests.Deployment;

public sealed class DeployerLeastPrivilegeSpecs : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public void Deployer_LeastPrivilegeLifecycleLeavesNothing()
    {
        var runner = new RecordingStepRunner(Principal);
        var deployer = Sys.ActorOf(Deployer.Props(new LeastPrivilegeInstaller(runner, ListDatabases, Principal)));
        var leastPrivilege = new ExtensionSettings { FeatureFlags = new Dictionary<string, bool> { ["LeastPrivilege"] = true } };

        deployer.Tell(DeploymentRequest.Install(leastPrivilege));
        Assert.Equal(DeploymentOutcome.Succeeded, ExpectMsg<DeploymentResult>().Outcome);
        Assert.True(runner.Model.HasLogin);

        deployer.Tell(DeploymentRequest.Disable());
        Assert.Equal(DeployerStatus.Disabled, ExpectMsg<DeploymentResult>().Status);

        deployer.Tell(DeploymentRequest.Uninstall());
        var removed = ExpectMsg<DeploymentResult>();
        Assert.Equal(DeployerStatus.NotInstalled, removed.Status);
        Assert.Empty(runner.Model.Held);
        Assert.False(runner.Model.HasLogin);
    }
}
