using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Deployment;
using ArcActors.Sql.Execution;
using ArcActors.Sql.Privileges;

namespace ArcActors.Host.Jobs;

/// <summary>
/// The deployer's SQL Server side for the whole host: it runs each operation with a
/// <see cref="LeastPrivilegeInstaller"/> on every managed instance (not LocalDB, not unsupported, not in
/// the settings' ExcludedInstances) and reports the first failure, naming its instance.
/// </summary>
public sealed class HostPrivilegeInstaller(IDiscoverySource source, IInstanceSql sql) : IExtensionInstaller
{
    private static readonly HashSet<string> SystemDatabases = new(StringComparer.OrdinalIgnoreCase) { "master", "model", "msdb", "tempdb" };

    public Task<InstallerResult> InstallAsync(ExtensionSettings settings, CancellationToken cancellationToken) =>
        OnEveryInstanceAsync(settings, (installer, token) => installer.InstallAsync(settings, token), cancellationToken);

    public Task<InstallerResult> EnableAsync(ExtensionSettings settings, CancellationToken cancellationToken) =>
        OnEveryInstanceAsync(settings, (installer, token) => installer.EnableAsync(settings, token), cancellationToken);

    public Task<InstallerResult> ApplySettingsAsync(ExtensionSettings before, ExtensionSettings after, CancellationToken cancellationToken) =>
        OnEveryInstanceAsync(after, (installer, token) => installer.ApplySettingsAsync(before, after, token), cancellationToken);

    public Task<InstallerResult> DisableAsync(ExtensionSettings settings, CancellationToken cancellationToken) =>
        OnEveryInstanceAsync(settings, (installer, token) => installer.DisableAsync(settings, token), cancellationToken);

    /// <summary>Uninstall cleans every instance, excluded ones too, so nothing stays behind anywhere.</summary>
    public Task<InstallerResult> UninstallAsync(CancellationToken cancellationToken) =>
        OnEveryInstanceAsync(null, (installer, token) => installer.UninstallAsync(token), cancellationToken);

    /// <summary>
    /// Reads what the least-privilege principal holds on every managed instance, compares it with what the
    /// features of <paramref name="settings"/> require, and runs the grants and revokes of the difference where
    /// there is one. A failure on one instance is reported in its entry and does not stop the others. Returns
    /// no entries when least privilege is off.
    /// </summary>
    public async Task<IReadOnlyList<PrivilegeReconciliation>> ReconcileAsync(ExtensionSettings settings, CancellationToken cancellationToken)
    {
        var features = ExtensionFeatureMap.LeastPrivilegeFeatures(settings);
        if (features is null)
        {
            return [];
        }

        var results = new List<PrivilegeReconciliation>();
        foreach (var instance in await ManagedInstancesAsync(settings, cancellationToken).ConfigureAwait(false))
        {
            results.Add(await ReconcileInstanceAsync(instance, features, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<PrivilegeReconciliation> ReconcileInstanceAsync(
        InstanceLocation instance, IReadOnlySet<ExtensionFeature> features, CancellationToken cancellationToken)
    {
        const string principal = LeastPrivilegePlanner.DefaultPrincipal;
        LeastPrivilegeDrift drift;
        IReadOnlyList<DatabaseTarget> databases;
        try
        {
            databases = await ListDatabasesAsync(instance, cancellationToken).ConfigureAwait(false);
            var required = LeastPrivilegePlanner.RequiredItems(features, databases);

            // Only the databases the planner grants in are read, so a database it skips (offline, read-only,
            // tempdb) never shows its leftovers as extra items to revoke.
            var planned = required.Where(item => item.Kind == PermissionKind.User).Select(item => item.Database).ToHashSet(StringComparer.Ordinal);
            var current = await sql.ReadPermissionsAsync(instance, principal, databases.Where(database => planned.Contains(database.Name)).ToList(), cancellationToken)
                .ConfigureAwait(false);
            drift = LeastPrivilegeDrift.Compute(current, required);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new PrivilegeReconciliation(instance.InstanceName, LeastPrivilegeDrift.None, Fixed: false, $"reading permissions failed: {exception.Message}");
        }

        if (!drift.HasDrift)
        {
            return new PrivilegeReconciliation(instance.InstanceName, drift, Fixed: false);
        }

        var steps = drift.FixStatements(principal, databases)
            .Select(statement => new SqlStep(statement.Database, statement.Sql, $"{statement.Action} {statement.Item}"))
            .ToList();
        var results = await sql.ExecuteAsync(instance, steps, cancellationToken).ConfigureAwait(false);
        var failed = results.FirstOrDefault(result => result.Outcome != SqlStepOutcome.Succeeded);
        if (failed is not null || results.Count != steps.Count)
        {
            var error = failed is null
                ? $"the step runner returned {results.Count} results for {steps.Count} statements"
                : $"{failed.Step.Description} in database [{failed.Step.Database}] {failed.Outcome}: {failed.Error}";
            return new PrivilegeReconciliation(instance.InstanceName, drift, Fixed: false, $"fixing the drift failed: {error}");
        }

        return new PrivilegeReconciliation(instance.InstanceName, drift, Fixed: true);
    }

    private async Task<IEnumerable<InstanceLocation>> ManagedInstancesAsync(ExtensionSettings? settings, CancellationToken cancellationToken)
    {
        var excluded = new HashSet<string>(settings?.ExcludedInstances ?? [], StringComparer.OrdinalIgnoreCase);
        var located = await source.LocateInstancesAsync(cancellationToken).ConfigureAwait(false);
        return located.Where(instance => !instance.IsLocalDb && instance.UnsupportedReason.Length == 0 && !excluded.Contains(instance.InstanceName));
    }

    private async Task<InstallerResult> OnEveryInstanceAsync(
        ExtensionSettings? settings, Func<LeastPrivilegeInstaller, CancellationToken, Task<InstallerResult>> operation, CancellationToken cancellationToken)
    {
        foreach (var instance in await ManagedInstancesAsync(settings, cancellationToken).ConfigureAwait(false))
        {
            var installer = new LeastPrivilegeInstaller(new InstanceStepRunner(sql, instance), token => ListDatabasesAsync(instance, token));
            var result = await operation(installer, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return InstallerResult.Failure(result.Error!.Code, $"instance '{instance.InstanceName}': {result.Error.Message}");
            }
        }

        return InstallerResult.Success;
    }

    private async Task<IReadOnlyList<DatabaseTarget>> ListDatabasesAsync(InstanceLocation instance, CancellationToken cancellationToken)
    {
        var snapshot = await source.ProbeInstanceAsync(instance, cancellationToken).ConfigureAwait(false);
        if (snapshot.Status != ProbeStatus.Ok)
        {
            throw new InvalidOperationException($"instance '{instance.InstanceName}' could not be read ({snapshot.Status}): {snapshot.StatusMessage}");
        }

        var targets = snapshot.Databases
            .Select(database => new DatabaseTarget(database.Name, SystemDatabases.Contains(database.Name), database.State == "Online"))
            .ToList();

        // Every instance has the four system databases, and sys.databases lists them; a simulated fleet file may leave them out.
        var listed = targets.Select(target => target.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        targets.AddRange(SystemDatabases.Order(StringComparer.Ordinal).Where(name => !listed.Contains(name))
            .Select(name => new DatabaseTarget(name, IsSystem: true, IsReadable: true)));
        return targets;
    }
}
