using ArcActors.Contracts.Inventory;
using ArcActors.Host.Deployment;
using Xunit;

namespace ArcActors.Tests.Deployment;

public sealed class DeployerStateTests
{
    private static readonly ExtensionSettings PaygSettings = new() { LicenseType = "PAYG", ConsentToRecurringPayg = true };

    // Columns: status the deployer is in, operation, expected decision, expected error code (empty when
    // none), status while the operation runs and status after it succeeds (both unused unless it runs).
    public static TheoryData<DeployerStatus, DeployerOperation, DeployerDecisionKind, string, DeployerStatus, DeployerStatus> Transitions => new()
    {
        { DeployerStatus.NotInstalled, DeployerOperation.Install, DeployerDecisionKind.Run, "", DeployerStatus.Installing, DeployerStatus.Enabled },
        { DeployerStatus.NotInstalled, DeployerOperation.Enable, DeployerDecisionKind.Reject, "SqlExtensionNotInstalled", default, default },
        { DeployerStatus.NotInstalled, DeployerOperation.Update, DeployerDecisionKind.Reject, "SqlExtensionNotInstalled", default, default },
        { DeployerStatus.NotInstalled, DeployerOperation.Disable, DeployerDecisionKind.Reject, "SqlExtensionNotInstalled", default, default },
        { DeployerStatus.NotInstalled, DeployerOperation.Uninstall, DeployerDecisionKind.NoOp, "", default, default },

        { DeployerStatus.Enabled, DeployerOperation.Install, DeployerDecisionKind.Reject, "ExtensionAlreadyInstalled", default, default },
        { DeployerStatus.Enabled, DeployerOperation.Enable, DeployerDecisionKind.NoOp, "", default, default },
        { DeployerStatus.Enabled, DeployerOperation.Update, DeployerDecisionKind.Run, "", DeployerStatus.Updating, DeployerStatus.Enabled },
        { DeployerStatus.Enabled, DeployerOperation.Disable, DeployerDecisionKind.Run, "", DeployerStatus.Disabling, DeployerStatus.Disabled },
        { DeployerStatus.Enabled, DeployerOperation.Uninstall, DeployerDecisionKind.Run, "", DeployerStatus.Uninstalling, DeployerStatus.NotInstalled },

        { DeployerStatus.Disabled, DeployerOperation.Install, DeployerDecisionKind.Reject, "ExtensionAlreadyInstalled", default, default },
        { DeployerStatus.Disabled, DeployerOperation.Enable, DeployerDecisionKind.Run, "", DeployerStatus.Enabling, DeployerStatus.Enabled },
        { DeployerStatus.Disabled, DeployerOperation.Update, DeployerDecisionKind.Run, "", DeployerStatus.Updating, DeployerStatus.Disabled },
        { DeployerStatus.Disabled, DeployerOperation.Disable, DeployerDecisionKind.NoOp, "", default, default },
        { DeployerStatus.Disabled, DeployerOperation.Uninstall, DeployerDecisionKind.Run, "", DeployerStatus.Uninstalling, DeployerStatus.NotInstalled },

        { DeployerStatus.Failed, DeployerOperation.Install, DeployerDecisionKind.Run, "", DeployerStatus.Installing, DeployerStatus.Enabled },
        { DeployerStatus.Failed, DeployerOperation.Enable, DeployerDecisionKind.Run, "", DeployerStatus.Enabling, DeployerStatus.Enabled },
        { DeployerStatus.Failed, DeployerOperation.Update, DeployerDecisionKind.Run, "", DeployerStatus.Updating, DeployerStatus.Enabled },
        { DeployerStatus.Failed, DeployerOperation.Disable, DeployerDecisionKind.Run, "", DeployerStatus.Disabling, DeployerStatus.Disabled },
        { DeployerStatus.Failed, DeployerOperation.Uninstall, DeployerDecisionKind.Run, "", DeployerStatus.Uninstalling, DeployerStatus.NotInstalled },
    };

    public static TheoryData<DeployerStatus, DeployerOperation> RunningStatusesAndOperations()
    {
        var data = new TheoryData<DeployerStatus, DeployerOperation>();
        var running = new[] { DeployerStatus.Installing, DeployerStatus.Enabling, DeployerStatus.Updating, DeployerStatus.Disabling, DeployerStatus.Uninstalling };
        foreach (var status in running)
        {
            foreach (var operation in Enum.GetValues<DeployerOperation>())
            {
                data.Add(status, operation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void DeployerState_DecidesEveryOperationFromEveryStableStatus(
        DeployerStatus status, DeployerOperation operation, DeployerDecisionKind kind, string code, DeployerStatus running, DeployerStatus end)
    {
        var state = StateIn(status);
        var request = RequestFor(operation);

        var decision = state.Decide(request);

        Assert.Equal(kind, decision.Kind);
        Assert.Equal(code, decision.Error?.Code ?? "");
        if (kind != DeployerDecisionKind.Run)
        {
            return;
        }

        var started = state.Start(request);
        Assert.Equal(running, started.Status);
        Assert.Equal(end, started.Complete(InstallerResult.Success).Status);
    }

    [Theory]
    [MemberData(nameof(RunningStatusesAndOperations))]
    public void DeployerState_RejectsEveryOperationWhileOneRuns(DeployerStatus status, DeployerOperation operation)
    {
        var state = StateIn(status);

        var decision = state.Decide(RequestFor(operation));

        Assert.Equal(DeployerDecisionKind.Reject, decision.Kind);
        Assert.Equal("OperationInProgress", decision.Error!.Code);
        Assert.Contains($"{state.Running!.Operation} is running", decision.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployerState_RunningStatusesCoverEveryTransientStatus()
    {
        var stable = new[] { DeployerStatus.NotInstalled, DeployerStatus.Enabled, DeployerStatus.Disabled, DeployerStatus.Failed };
        var transient = RunningStatusesAndOperations().Select(row => (DeployerStatus)row[0]).Distinct();

        Assert.Equal(Enum.GetValues<DeployerStatus>().Order(), stable.Concat(transient).Order());
    }

    [Fact]
    public void DeployerState_FailureKeepsSettingsAndRecordsError()
    {
        var enabled = StateIn(DeployerStatus.Enabled);
        var error = new DeploymentError("SqlStepFailed", "GRANT failed");

        var failed = enabled.Start(DeploymentRequest.Update(PaygSettings)).Complete(new InstallerResult(error));

        Assert.Equal(DeployerStatus.Failed, failed.Status);
        Assert.Equal(error, failed.LastError);
        Assert.Same(enabled.Settings, failed.Settings);
        Assert.Null(failed.Running);
    }

    [Fact]
    public void DeployerState_SuccessClearsLastError()
    {
        var recovered = StateIn(DeployerStatus.Failed).Start(DeploymentRequest.Enable()).Complete(InstallerResult.Success);

        Assert.Null(recovered.LastError);
    }

    [Fact]
    public void DeployerState_UpdateReplacesEverySetting()
    {
        var before = new ExtensionSettings
        {
            LicenseType = "PAYG",
            ConsentToRecurringPayg = true,
            EnableExtendedSecurityUpdates = true,
            UsePhysicalCoreLicense = true,
            ExcludedInstances = ["SQLEXPRESS"],
            FeatureFlags = new Dictionary<string, bool> { ["LeastPrivilege"] = true },
        };
        var enabled = StateIn(DeployerStatus.NotInstalled).Start(DeploymentRequest.Install(before)).Complete(InstallerResult.Success);

        // The update names only the license type; every other setting must return to its default.
        var after = enabled.Start(DeploymentRequest.Update(new ExtensionSettings { LicenseType = "Paid" })).Complete(InstallerResult.Success);

        Assert.Equal("Paid", after.Settings.LicenseType);
        Assert.False(after.Settings.ConsentToRecurringPayg);
        Assert.False(after.Settings.EnableExtendedSecurityUpdates);
        Assert.False(after.Settings.UsePhysicalCoreLicense);
        Assert.Empty(after.Settings.ExcludedInstances);
        Assert.Empty(after.Settings.FeatureFlags);
    }

    [Fact]
    public void DeployerState_UninstallResetsSettings()
    {
        var enabled = StateIn(DeployerStatus.NotInstalled).Start(DeploymentRequest.Install(PaygSettings)).Complete(InstallerResult.Success);

        var removed = enabled.Start(DeploymentRequest.Uninstall()).Complete(InstallerResult.Success);

        Assert.Equal("Paid", removed.Settings.LicenseType);
        Assert.False(removed.Settings.ConsentToRecurringPayg);
    }

    [Fact]
    public void DeployerState_InstallRejectsInvalidSettings()
    {
        var decision = DeployerState.NotInstalled.Decide(DeploymentRequest.Install(new ExtensionSettings { LicenseType = "Free" }));

        Assert.Equal(DeployerDecisionKind.Reject, decision.Kind);
        Assert.Equal("InvalidLicenseType", decision.Error!.Code);
    }

    [Fact]
    public void DeployerState_UpdateValidatesAgainstSettingsInForce()
    {
        var withEsu = StateIn(DeployerStatus.NotInstalled)
            .Start(DeploymentRequest.Install(new ExtensionSettings { LicenseType = "Paid", EnableExtendedSecurityUpdates = true }))
            .Complete(InstallerResult.Success);

        var decision = withEsu.Decide(DeploymentRequest.Update(new ExtensionSettings { LicenseType = "LicenseOnly", EnableExtendedSecurityUpdates = true }));

        Assert.Equal("LicenseOnlyWhileEsuEnabled", decision.Error!.Code);
    }

    [Fact]
    public void DeployerState_NotInstalledRejectsUpdateBeforeValidating()
    {
        var decision = DeployerState.NotInstalled.Decide(DeploymentRequest.Update(new ExtensionSettings { LicenseType = "Free" }));

        Assert.Equal("SqlExtensionNotInstalled", decision.Error!.Code);
    }

    [Fact]
    public void DeployerState_StartRejectsUndecidedRequest()
    {
        Assert.Throws<InvalidOperationException>(() => DeployerState.NotInstalled.Start(DeploymentRequest.Enable()));
    }

    [Fact]
    public void DeployerState_CompleteWithoutRunningOperationThrows()
    {
        Assert.Throws<InvalidOperationException>(() => DeployerState.NotInstalled.Complete(InstallerResult.Success));
    }

    private static DeploymentRequest RequestFor(DeployerOperation operation) => operation switch
    {
        DeployerOperation.Install => DeploymentRequest.Install(PaygSettings),
        DeployerOperation.Update => DeploymentRequest.Update(PaygSettings),
        _ => new DeploymentRequest(operation),
    };

    // Reaches each status through the state machine itself, the way the actor does.
    private static DeployerState StateIn(DeployerStatus status)
    {
        var enabled = DeployerState.NotInstalled.Start(DeploymentRequest.Install()).Complete(InstallerResult.Success);
        var disabled = enabled.Start(DeploymentRequest.Disable()).Complete(InstallerResult.Success);
        var state = status switch
        {
            DeployerStatus.NotInstalled => DeployerState.NotInstalled,
            DeployerStatus.Installing => DeployerState.NotInstalled.Start(DeploymentRequest.Install()),
            DeployerStatus.Enabling => disabled.Start(DeploymentRequest.Enable()),
            DeployerStatus.Enabled => enabled,
            DeployerStatus.Updating => enabled.Start(DeploymentRequest.Update(PaygSettings)),
            DeployerStatus.Disabling => enabled.Start(DeploymentRequest.Disable()),
            DeployerStatus.Disabled => disabled,
            DeployerStatus.Uninstalling => enabled.Start(DeploymentRequest.Uninstall()),
            _ => DeployerState.NotInstalled.Start(DeploymentRequest.Install()).Complete(InstallerResult.Failure("InstallerFailed", "setup failed")),
        };

        Assert.Equal(status, state.Status);
        return state;
    }
}
