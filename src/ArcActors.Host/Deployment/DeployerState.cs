using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Deployment;

/// <summary>
/// The deployer's state machine. <see cref="Decide"/> checks a request against the state,
/// <see cref="Start"/> enters the operation's running status and <see cref="Complete"/> leaves it with the
/// installer's result. One operation runs at a time; any request while one runs is rejected with
/// <see cref="DeploymentErrorCodes.OperationInProgress"/>.
/// </summary>
public sealed record DeployerState
{
    public static readonly DeployerState NotInstalled = new();

    public DeployerStatus Status { get; init; } = DeployerStatus.NotInstalled;

    /// <summary>The settings last applied with success; the defaults while the extension is not installed.</summary>
    public ExtensionSettings Settings { get; init; } = new();

    /// <summary>The running request, or null when no operation runs.</summary>
    public DeploymentRequest? Running { get; init; }

    /// <summary>The status the running request ends in when it succeeds.</summary>
    public DeployerStatus? TargetStatus { get; init; }

    /// <summary>The error of the operation that left the deployer <see cref="DeployerStatus.Failed"/>.</summary>
    public DeploymentError? LastError { get; init; }

    /// <summary>Returns whether <paramref name="request"/> runs, is already satisfied, or is rejected, and why.</summary>
    public DeployerDecision Decide(DeploymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (Running is not null)
        {
            return DeployerDecision.Reject(
                DeploymentErrorCodes.OperationInProgress,
                $"{request.Operation} is rejected because {Running.Operation} is running (status {Status}); "
                + "send the request again after it finishes.");
        }

        var decision = DecideTransition(request.Operation);
        if (decision.Kind != DeployerDecisionKind.Run || request.Operation is not (DeployerOperation.Install or DeployerOperation.Update))
        {
            return decision;
        }

        if (request.Settings is null)
        {
            return DeployerDecision.Reject(
                DeploymentErrorCodes.MissingSettings,
                $"{request.Operation} carries no settings; send the complete extension settings with it.");
        }

        var current = request.Operation == DeployerOperation.Install ? null : Settings;
        var error = ExtensionSettingsValidator.Validate(request.Settings, current);
        return error is null ? decision : new DeployerDecision(DeployerDecisionKind.Reject, error);
    }

    /// <summary>Enters the running status of <paramref name="request"/>, which <see cref="Decide"/> must have accepted to run.</summary>
    /// <exception cref="InvalidOperationException">The request was not decided <see cref="DeployerDecisionKind.Run"/>.</exception>
    public DeployerState Start(DeploymentRequest request)
    {
        var decision = Decide(request);
        if (decision.Kind != DeployerDecisionKind.Run)
        {
            throw new InvalidOperationException(
                $"{request.Operation} cannot start in status {Status} ({decision.Kind}: {decision.Error?.Message}); call Decide first and start only Run decisions.");
        }

        return this with
        {
            Status = RunningStatus(request.Operation),
            Running = request,
            TargetStatus = EndStatus(request.Operation),
        };
    }

    /// <summary>
    /// Ends the running operation with the installer's result. On success the status becomes the target
    /// status, and Install and Update replace the whole settings. On failure the status becomes Failed and the settings stay.
    /// </summary>
    /// <exception cref="InvalidOperationException">No operation is running.</exception>
    public DeployerState Complete(InstallerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);

        if (Running is null || TargetStatus is null)
        {
            throw new InvalidOperationException($"No operation is running in status {Status}; call Start before Complete.");
        }

        if (!result.Succeeded)
        {
            return this with { Status = DeployerStatus.Failed, Running = null, TargetStatus = null, LastError = result.Error };
        }

        var settings = Running.Operation switch
        {
            DeployerOperation.Install or DeployerOperation.Update => Running.Settings!,
            DeployerOperation.Uninstall => new ExtensionSettings(),
            _ => Settings,
        };
        return new DeployerState { Status = TargetStatus.Value, Settings = settings };
    }

    private DeployerDecision DecideTransition(DeployerOperation operation) => (Status, operation) switch
    {
        (DeployerStatus.NotInstalled, DeployerOperation.Install) => DeployerDecision.Run,
        (DeployerStatus.NotInstalled, DeployerOperation.Uninstall) => DeployerDecision.NoOp,
        (DeployerStatus.NotInstalled, _) => DeployerDecision.Reject(
            DeploymentErrorCodes.SqlExtensionNotInstalled,
            $"{operation} needs an installed extension, but the extension is not installed on this host; run Install first."),
        (DeployerStatus.Enabled or DeployerStatus.Disabled, DeployerOperation.Install) => DeployerDecision.Reject(
            DeploymentErrorCodes.ExtensionAlreadyInstalled,
            $"Install is rejected because the extension is already installed (status {Status}); send Update to change its settings, or Uninstall first."),
        (DeployerStatus.Enabled, DeployerOperation.Enable) => DeployerDecision.NoOp,
        (DeployerStatus.Disabled, DeployerOperation.Disable) => DeployerDecision.NoOp,
        _ => DeployerDecision.Run,
    };

    private static DeployerStatus RunningStatus(DeployerOperation operation) => operation switch
    {
        DeployerOperation.Install => DeployerStatus.Installing,
        DeployerOperation.Enable => DeployerStatus.Enabling,
        DeployerOperation.Update => DeployerStatus.Updating,
        DeployerOperation.Disable => DeployerStatus.Disabling,
        _ => DeployerStatus.Uninstalling,
    };

    // An update keeps a disabled extension disabled; after a failure it ends enabled, as Install and Enable do.
    private DeployerStatus EndStatus(DeployerOperation operation) => operation switch
    {
        DeployerOperation.Install or DeployerOperation.Enable => DeployerStatus.Enabled,
        DeployerOperation.Update => Status == DeployerStatus.Disabled ? DeployerStatus.Disabled : DeployerStatus.Enabled,
        DeployerOperation.Disable => DeployerStatus.Disabled,
        _ => DeployerStatus.NotInstalled,
    };
}
