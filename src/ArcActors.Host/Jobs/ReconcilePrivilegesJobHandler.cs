using System.Text.Json;
using Akka.Actor;
using ArcActors.Contracts.Jobs;
using ArcActors.Host.Deployment;
using ArcActors.Host.Relay;
using ArcActors.Sql.Privileges;

namespace ArcActors.Host.Jobs;

/// <summary>
/// Compares what the least-privilege principal holds on every managed instance with what the deployer's
/// current settings require, and runs grants and revokes only where the two differ (drift). With least
/// privilege off, or the extension not enabled, it does nothing.
/// </summary>
/// <remarks>
/// The result is JSON: <c>{"warning": true, "instances": [{"instance": "MSSQLSERVER", "missing": [...],
/// "extra": [...], "fixed": true, "error": ""}]}</c>. <c>warning</c> is true when any instance drifted,
/// so <see cref="PeriodicJob"/> logs the run as a warning. The job fails when any instance could not be
/// read or fixed; the other instances are reconciled anyway.
/// </remarks>
public sealed class ReconcilePrivilegesJobHandler(IActorRef deployer, HostPrivilegeInstaller installer, TimeSpan askTimeout) : IJobHandler
{
    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var state = await deployer.Ask<DeployerState>(GetDeployerState.Instance, askTimeout, cancellationToken).ConfigureAwait(false);
        if (state.Status != DeployerStatus.Enabled || ExtensionFeatureMap.LeastPrivilegeFeatures(state.Settings) is null)
        {
            return JobOutcome.Succeeded($"nothing to reconcile: the extension is {state.Status} and least privilege is {(FeatureFlags.IsOn(state.Settings.FeatureFlags, FeatureFlags.LeastPrivilege) ? "on" : "off")}.");
        }

        var reconciliations = await installer.ReconcileAsync(state.Settings, cancellationToken).ConfigureAwait(false);
        var jobState = reconciliations.Any(reconciliation => reconciliation.Failed) ? JobState.Failed : JobState.Succeeded;
        return new JobOutcome(jobState, Message(reconciliations), ResultJson(reconciliations));
    }

    /// <summary>Returns a summary such as "drift on 1 of 2 instances: 3 missing, 1 extra, fixed".</summary>
    public static string Message(IReadOnlyList<PrivilegeReconciliation> reconciliations)
    {
        ArgumentNullException.ThrowIfNull(reconciliations);

        if (reconciliations.Count == 0)
        {
            return "no managed instance to reconcile.";
        }

        var drifted = reconciliations.Where(reconciliation => reconciliation.Drift.HasDrift).ToList();
        var parts = new List<string>();
        if (drifted.Count == 0)
        {
            parts.Add($"no drift on {reconciliations.Count} {Instances(reconciliations.Count)}");
        }
        else
        {
            var missing = drifted.Sum(reconciliation => reconciliation.Drift.Missing.Count);
            var extra = drifted.Sum(reconciliation => reconciliation.Drift.Extra.Count);
            var fixedState = drifted.All(reconciliation => reconciliation.Fixed) ? "fixed" : "not all fixed";
            parts.Add($"drift on {drifted.Count} of {reconciliations.Count} {Instances(reconciliations.Count)}: {missing} missing, {extra} extra, {fixedState}");
        }

        parts.AddRange(reconciliations
            .Where(reconciliation => reconciliation.Failed)
            .Select(reconciliation => $"instance '{reconciliation.Instance}': {reconciliation.Error}"));
        return string.Join("; ", parts);
    }

    /// <summary>Returns the job's result JSON, one entry per instance, items written as <see cref="PermissionItem.ToString"/> writes them.</summary>
    public static string ResultJson(IReadOnlyList<PrivilegeReconciliation> reconciliations)
    {
        ArgumentNullException.ThrowIfNull(reconciliations);

        var result = new
        {
            warning = reconciliations.Any(reconciliation => reconciliation.Drift.HasDrift),
            instances = reconciliations.Select(reconciliation => new
            {
                instance = reconciliation.Instance,
                missing = reconciliation.Drift.Missing.Select(item => item.ToString()).ToList(),
                extra = reconciliation.Drift.Extra.Select(item => item.ToString()).ToList(),
                @fixed = reconciliation.Fixed,
                error = reconciliation.Error,
            }).ToList(),
        };
        return JsonSerializer.Serialize(result);
    }

    private static string Instances(int count) => count == 1 ? "instance" : "instances";
}
