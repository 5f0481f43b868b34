using Akka.Actor;
using Akka.Event;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Deployment;

/// <summary>
/// Runs the deployer operations of one host through an <see cref="IExtensionInstaller"/>, one at a
/// time. It replies to each <see cref="DeploymentRequest"/> with a <see cref="DeploymentResult"/>: at once
/// for a rejection or a no-op, after the installer finishes otherwise. A request that arrives while
/// an operation runs is rejected with OperationInProgress.
/// </summary>
/// <remarks>
/// NOTE: the state lives in memory only, so a restarted host starts NotInstalled. The caller then
/// sends again the operation that brings the extension to the state it requires.
/// </remarks>
public sealed class Deployer : ReceiveActor
{
    private readonly IExtensionInstaller _installer;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Action<DeployerState>? _completed;
    private DeployerState _state;
    private IActorRef _requester = ActorRefs.Nobody;

    /// <param name="completed">Called with the new state after each operation that succeeded, so the host can report and keep the settings in force.</param>
    public Deployer(IExtensionInstaller installer, DeployerState? initial = null, Action<DeployerState>? completed = null)
    {
        _installer = installer ?? throw new ArgumentNullException(nameof(installer));
        _state = initial ?? DeployerState.NotInstalled;
        _completed = completed;

        Receive<DeploymentRequest>(HandleRequest);
        Receive<OperationFinished>(HandleFinished);
        Receive<GetDeployerState>(_ => Sender.Tell(_state));
    }

    /// <summary>Returns the props of a deployer that starts in <paramref name="initial"/>, or NotInstalled when null.</summary>
    public static Props Props(IExtensionInstaller installer, DeployerState? initial = null, Action<DeployerState>? completed = null) =>
        Akka.Actor.Props.Create(() => new Deployer(installer, initial, completed));

    protected override void PostStop()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
        base.PostStop();
    }

    private void HandleRequest(DeploymentRequest request)
    {
        var decision = _state.Decide(request);
        if (decision.Kind == DeployerDecisionKind.Reject)
        {
            _log.Warning("deployer: {0} rejected in status {1}: {2}: {3}", request.Operation, _state.Status, decision.Error!.Code, decision.Error.Message);
            Sender.Tell(new DeploymentResult(request.Operation, DeploymentOutcome.Rejected, _state.Status, decision.Error));
            return;
        }

        if (decision.Kind == DeployerDecisionKind.NoOp)
        {
            Sender.Tell(new DeploymentResult(request.Operation, DeploymentOutcome.AlreadyDone, _state.Status));
            return;
        }

        var settingsBefore = _state.Settings;
        _state = _state.Start(request);
        _requester = Sender;
        _log.Info("deployer: {0} started, status {1}", request.Operation, _state.Status);

        RunAsync(_installer, request, settingsBefore, _cancellation.Token).PipeTo(
            Self,
            success: result => new OperationFinished(result),
            failure: exception => new OperationFinished(InstallerResult.Failure(
                DeploymentErrorCodes.InstallerFailed,
                $"{request.Operation} failed with {exception.GetType().Name}: {exception.Message}; fix the cause and send the operation again, or Uninstall.")));
    }

    private void HandleFinished(OperationFinished finished)
    {
        var operation = _state.Running!.Operation;
        _state = _state.Complete(finished.Result);

        if (finished.Result.Succeeded)
        {
            _log.Info("deployer: {0} succeeded, status {1}", operation, _state.Status);
            _completed?.Invoke(_state);
            _requester.Tell(new DeploymentResult(operation, DeploymentOutcome.Succeeded, _state.Status));
        }
        else
        {
            _log.Error("deployer: {0} failed, status {1}: {2}: {3}", operation, _state.Status, finished.Result.Error!.Code, finished.Result.Error.Message);
            _requester.Tell(new DeploymentResult(operation, DeploymentOutcome.Failed, _state.Status, finished.Result.Error));
        }

        _requester = ActorRefs.Nobody;
    }

    // Static and async, so an installer that throws before its first await still yields a faulted task for PipeTo.
    private static async Task<InstallerResult> RunAsync(
        IExtensionInstaller installer,
        DeploymentRequest request,
        ExtensionSettings settingsBefore,
        CancellationToken cancellationToken) => request.Operation switch
        {
            DeployerOperation.Install => await installer.InstallAsync(request.Settings!, cancellationToken).ConfigureAwait(false),
            DeployerOperation.Enable => await installer.EnableAsync(settingsBefore, cancellationToken).ConfigureAwait(false),
            DeployerOperation.Update => await installer.ApplySettingsAsync(settingsBefore, request.Settings!, cancellationToken).ConfigureAwait(false),
            DeployerOperation.Disable => await installer.DisableAsync(settingsBefore, cancellationToken).ConfigureAwait(false),
            _ => await installer.UninstallAsync(cancellationToken).ConfigureAwait(false),
        };

    private sealed record OperationFinished(InstallerResult Result);
}
