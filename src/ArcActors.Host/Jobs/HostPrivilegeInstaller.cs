using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Deployment;
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

    private async Task<InstallerResult> OnEveryInstanceAsync(
        ExtensionSettings? settings, Func<LeastPrivilegeInstaller, CancellationToken, Task<InstallerResult>> operation, CancellationToken cancellationToken)
    {
        var excluded = new HashSet<string>(settings?.ExcludedInstances ?? [], StringComparer.OrdinalIgnoreCase);
        var located = await source.LocateInstancesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var instance in located.Where(instance => !instance.IsLocalDb && instance.UnsupportedReason.Length == 0 && !excluded.Contains(instance.InstanceName)))
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

        return snapshot.Databases
            .Select(database => new DatabaseTarget(database.Name, SystemDatabases.Contains(database.Name), database.State == "Online"))
            .ToList();
    }
}
