using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Execution;
using ArcActors.Sql.Privileges;

namespace ArcActors.Host.Deployment;

/// <summary>
/// The SQL Server side of the deployer for one instance: it grants and revokes the permissions of the
/// extension's principal as least privilege and its features go on and off, and removes everything,
/// login included, at uninstall. Every statement is built by <see cref="LeastPrivilegePlanner"/>.
/// </summary>
/// <param name="runner">Runs the statements on the instance.</param>
/// <param name="listDatabases">Lists every row of sys.databases on the instance, system databases included.</param>
/// <param name="principal">The login the extension service runs as under least privilege.</param>
/// <remarks>
/// NOTE: Disable keeps the grants, so Enable resumes without a gap, and it stops no service: this class
/// only changes SQL Server permissions. Databases the planner skips (offline or read-only) get their
/// grants on a later Enable or Update.
/// </remarks>
public sealed class LeastPrivilegeInstaller(
    ISqlStepRunner runner,
    Func<CancellationToken, Task<IReadOnlyList<DatabaseTarget>>> listDatabases,
    string principal = LeastPrivilegePlanner.DefaultPrincipal) : IExtensionInstaller
{
    public Task<InstallerResult> InstallAsync(ExtensionSettings settings, CancellationToken cancellationToken) =>
        ChangeAsync(null, ExtensionFeatureMap.LeastPrivilegeFeatures(settings), cancellationToken);

    /// <summary>Applies every grant the settings need again; the statements are safe to repeat.</summary>
    public Task<InstallerResult> EnableAsync(ExtensionSettings settings, CancellationToken cancellationToken) =>
        ChangeAsync(null, ExtensionFeatureMap.LeastPrivilegeFeatures(settings), cancellationToken);

    public Task<InstallerResult> ApplySettingsAsync(ExtensionSettings before, ExtensionSettings after, CancellationToken cancellationToken) =>
        ChangeAsync(ExtensionFeatureMap.LeastPrivilegeFeatures(before), ExtensionFeatureMap.LeastPrivilegeFeatures(after), cancellationToken);

    public Task<InstallerResult> DisableAsync(ExtensionSettings settings, CancellationToken cancellationToken) =>
        Task.FromResult(InstallerResult.Success);

    /// <summary>
    /// Revokes everything any feature could have granted and drops the users and the login, whether or not
    /// least privilege was on, so nothing stays behind.
    /// </summary>
    public async Task<InstallerResult> UninstallAsync(CancellationToken cancellationToken)
    {
        var databases = await listDatabases(cancellationToken).ConfigureAwait(false);
        return await RunAsync(LeastPrivilegePlanner.PlanUninstall(principal, databases), cancellationToken).ConfigureAwait(false);
    }

    private async Task<InstallerResult> ChangeAsync(
        IReadOnlySet<ExtensionFeature>? before,
        IReadOnlySet<ExtensionFeature>? after,
        CancellationToken cancellationToken)
    {
        if (before is null && after is null)
        {
            return InstallerResult.Success;
        }

        var databases = await listDatabases(cancellationToken).ConfigureAwait(false);
        var plan = LeastPrivilegePlans.ForChange(before, after, principal, databases);
        return await RunAsync(plan, cancellationToken).ConfigureAwait(false);
    }

    private async Task<InstallerResult> RunAsync(PrivilegePlan plan, CancellationToken cancellationToken)
    {
        var steps = SqlStep.From(plan);
        if (steps.Count > 0)
        {
            var results = await runner.RunAsync(steps, cancellationToken).ConfigureAwait(false);
            var error = FirstFailure(steps, results);
            if (error is not null)
            {
                return error;
            }
        }

        if (plan.Leftovers.Count == 0)
        {
            return InstallerResult.Success;
        }

        var leftovers = string.Join(" ", plan.Leftovers.Select(leftover => $"{leftover.Item} of {principal} is kept: {leftover.Reason}"));
        return InstallerResult.Failure(DeploymentErrorCodes.PermissionsLeftBehind, leftovers);
    }

    private static InstallerResult? FirstFailure(IReadOnlyList<SqlStep> steps, IReadOnlyList<SqlStepResult> results)
    {
        var failed = results.FirstOrDefault(result => result.Outcome != SqlStepOutcome.Succeeded);
        if (failed is not null)
        {
            var succeeded = results.Count(result => result.Outcome == SqlStepOutcome.Succeeded);
            return InstallerResult.Failure(
                DeploymentErrorCodes.SqlStepFailed,
                $"{failed.Step.Description} in database [{failed.Step.Database}] {failed.Outcome}: {failed.Error} "
                + $"{succeeded} of {steps.Count} statements ran; fix the cause and run the operation again, as the statements are safe to repeat.");
        }

        return results.Count == steps.Count
            ? null
            : InstallerResult.Failure(
                DeploymentErrorCodes.SqlStepFailed,
                $"the step runner returned {results.Count} results for {steps.Count} statements; run the operation again.");
    }
}
