using Akka.Actor;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Deployment;
using Xunit;
using Deployer = ArcActors.Host.Deployment.Deployer;

namespace ArcActors.Tests.Deployment;

public sealed class DeployerSpecs : Akka.TestKit.Xunit2.TestKit
{
    private readonly ControlledInstaller _installer = new();

    [Fact]
    public void Deployer_RejectsConcurrentOperation()
    {
        var deployer = Sys.ActorOf(Deployer.Props(_installer));

        deployer.Tell(DeploymentRequest.Install());
        deployer.Tell(DeploymentRequest.Uninstall());

        var rejected = ExpectMsg<DeploymentResult>();
        Assert.Equal(DeployerOperation.Uninstall, rejected.Operation);
        Assert.Equal(DeploymentOutcome.Rejected, rejected.Outcome);
        Assert.Equal("OperationInProgress", rejected.Error!.Code);
        Assert.Contains("Install is running", rejected.Error.Message, StringComparison.Ordinal);
        Assert.Equal(DeployerStatus.Installing, rejected.Status);

        AwaitInstallerCall(deployer);

        _installer.CompleteNext(InstallerResult.Success);
        var installed = ExpectMsg<DeploymentResult>();
        Assert.Equal(DeployerOperation.Install, installed.Operation);
        Assert.Equal(new[] { "Install" }, _installer.Calls);
    }

    [Fact]
    public void Deployer_RepliesAfterInstallerSucceeds()
    {
        var settings = new ExtensionSettings { LicenseType = "PAYG", ConsentToRecurringPayg = true };
        var deployer = Sys.ActorOf(Deployer.Props(_installer));

        deployer.Tell(DeploymentRequest.Install(settings));
        deployer.Tell(GetDeployerState.Instance);
        Assert.Equal(DeployerStatus.Installing, ExpectMsg<DeployerState>().Status);

        AwaitInstallerCall(deployer);

        _installer.CompleteNext(InstallerResult.Success);

        var result = ExpectMsg<DeploymentResult>();
        Assert.Equal(DeploymentOutcome.Succeeded, result.Outcome);
        Assert.Equal(DeployerStatus.Enabled, result.Status);
        deployer.Tell(GetDeployerState.Instance);
        Assert.Same(settings, ExpectMsg<DeployerState>().Settings);
    }

    [Fact]
    public void Deployer_RepliesToRequesterNotLastSender()
    {
        var deployer = Sys.ActorOf(Deployer.Props(_installer));
        var other = CreateTestProbe();

        deployer.Tell(DeploymentRequest.Install(), TestActor);
        deployer.Tell(DeploymentRequest.Disable(), other.Ref);
        Assert.Equal("OperationInProgress", other.ExpectMsg<DeploymentResult>().Error!.Code);

        AwaitInstallerCall(deployer);

        _installer.CompleteNext(InstallerResult.Success);

        Assert.Equal(DeployerOperation.Install, ExpectMsg<DeploymentResult>().Operation);
        other.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Deployer_InstallerErrorLeavesFailed()
    {
        var deployer = Sys.ActorOf(Deployer.Props(_installer));
        var error = new DeploymentError("SqlStepFailed", "GRANT VIEW SERVER STATE failed");

        deployer.Tell(DeploymentRequest.Install());
        AwaitInstallerCall(deployer);
        _installer.CompleteNext(new InstallerResult(error));

        var result = ExpectMsg<DeploymentResult>();
        Assert.Equal(DeploymentOutcome.Failed, result.Outcome);
        Assert.Equal(DeployerStatus.Failed, result.Status);
        Assert.Equal(error, result.Error);
        deployer.Tell(GetDeployerState.Instance);
        Assert.Equal(error, ExpectMsg<DeployerState>().LastError);
    }

    [Fact]
    public void Deployer_InstallerExceptionLeavesFailed()
    {
        var deployer = Sys.ActorOf(Deployer.Props(_installer));

        deployer.Tell(DeploymentRequest.Install());
        AwaitInstallerCall(deployer);
        _installer.FailNext(new TimeoutException("login timed out"));

        var result = ExpectMsg<DeploymentResult>();
        Assert.Equal(DeployerStatus.Failed, result.Status);
        Assert.Equal("InstallerFailed", result.Error!.Code);
        Assert.Contains("TimeoutException: login timed out", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deployer_UninstallRecoversFromFailed()
    {
        var deployer = Sys.ActorOf(Deployer.Props(_installer));
        deployer.Tell(DeploymentRequest.Install());
        AwaitInstallerCall(deployer);
        _installer.CompleteNext(InstallerResult.Failure("SqlStepFailed", "GRANT failed"));
        ExpectMsg<DeploymentResult>();

        deployer.Tell(DeploymentRequest.Uninstall());
        AwaitInstallerCall(deployer);
        _installer.CompleteNext(InstallerResult.Success);

        var result = ExpectMsg<DeploymentResult>();
        Assert.Equal(DeploymentOutcome.Succeeded, result.Outcome);
        Assert.Equal(DeployerStatus.NotInstalled, result.Status);
    }

    [Fact]
    public void Deployer_EnableOnEnabledIsNoOp()
    {
        var deployer = Sys.ActorOf(Deployer.Props(_installer));
        deployer.Tell(DeploymentRequest.Install());
        AwaitInstallerCall(deployer);
        _installer.CompleteNext(InstallerResult.Success);
        ExpectMsg<DeploymentResult>();

        deployer.Tell(DeploymentRequest.Enable());

        var result = ExpectMsg<DeploymentResult>();
        Assert.Equal(DeploymentOutcome.AlreadyDone, result.Outcome);
        Assert.Equal(new[] { "Install" }, _installer.Calls);
    }

    [Fact]
    public void Deployer_UpdateBeforeInstallIsRejected()
    {
        var deployer = Sys.ActorOf(Deployer.Props(_installer));

        deployer.Tell(DeploymentRequest.Update(new ExtensionSettings()));

        var result = ExpectMsg<DeploymentResult>();
        Assert.Equal(DeploymentOutcome.Rejected, result.Outcome);
        Assert.Equal("SqlExtensionNotInstalled", result.Error!.Code);
        Assert.Empty(_installer.Calls);
    }

    [Fact]
    public void Deployer_InvalidSettingsRejectedWithoutInstallerCall()
    {
        var deployer = Sys.ActorOf(Deployer.Props(_installer));

        deployer.Tell(DeploymentRequest.Install(new ExtensionSettings { LicenseType = "LicenseOnly", ConsentToRecurringPayg = true }));

        Assert.Equal("PaygConsentRequiresPayg", ExpectMsg<DeploymentResult>().Error!.Code);
        Assert.Empty(_installer.Calls);
    }

    [Fact]
    public void Deployer_UpdatePassesOldAndReplacingSettings()
    {
        var before = new ExtensionSettings { LicenseType = "PAYG", EnableExtendedSecurityUpdates = true, ExcludedInstances = ["SQLEXPRESS"] };
        var after = new ExtensionSettings { LicenseType = "PAYG" };
        var deployer = Sys.ActorOf(Deployer.Props(_installer));
        deployer.Tell(DeploymentRequest.Install(before));
        AwaitInstallerCall(deployer);
        _installer.CompleteNext(InstallerResult.Success);
        ExpectMsg<DeploymentResult>();

        deployer.Tell(DeploymentRequest.Update(after));
        AwaitInstallerCall(deployer);
        _installer.CompleteNext(InstallerResult.Success);
        ExpectMsg<DeploymentResult>();

        Assert.True(_installer.SettingsChanges.TryDequeue(out var change));
        Assert.Same(before, change.Before);
        Assert.Same(after, change.After);
        deployer.Tell(GetDeployerState.Instance);
        var settings = ExpectMsg<DeployerState>().Settings;
        Assert.False(settings.EnableExtendedSecurityUpdates);
        Assert.Empty(settings.ExcludedInstances);
    }

    // The deployer calls the installer while it handles the request, so the call is pending once
    // the deployer has replied to a later state query from the same sender.
    private void AwaitInstallerCall(IActorRef deployer)
    {
        deployer.Tell(GetDeployerState.Instance);
        Assert.NotNull(ExpectMsg<DeployerState>().Running);
    }
}
