using Akka.Actor;
using ArcActors.Host.Deployment;
using ArcActors.Host.Relay;

namespace ArcActors.Host.Jobs;

/// <summary>
/// Applies the least-privilege grants of the deployer's current settings again on every managed
/// instance. The planner's statements are guarded by existence checks, so a grant that is in place is
/// left alone and one that was removed by hand (drift) comes back. With least privilege off it does nothing.
/// </summary>
public sealed class ReconcilePrivilegesJobHandler(IActorRef deployer, IExtensionInstaller installer, TimeSpan askTimeout) : IJobHandler
{
    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var state = await deployer.Ask<DeployerState>(GetDeployerState.Instance, askTimeout, cancellationToken).ConfigureAwait(false);
        if (state.Status != DeployerStatus.Enabled || ExtensionFeatureMap.LeastPrivilegeFeatures(state.Settings) is null)
        {
            return JobOutcome.Succeeded($"nothing to reconcile: the extension is {state.Status} and least privilege is {(FeatureFlags.IsOn(state.Settings.FeatureFlags, FeatureFlags.LeastPrivilege) ? "on" : "off")}.");
        }

        var result = await installer.EnableAsync(state.Settings, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? JobOutcome.Succeeded("the least-privilege grants of the enabled features were applied again on every managed instance.")
            : JobOutcome.Failed($"{result.Error!.Code}: {result.Error.Message}");
    }
}
