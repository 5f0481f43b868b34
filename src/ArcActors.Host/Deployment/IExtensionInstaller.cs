using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Deployment;

/// <summary>
/// Carries out deployer operations on the host. The <see cref="Deployer"/> actor calls one method at a
/// time. Implementations report failures in the returned result; an exception is also caught and turns
/// the deployer Failed.
/// </summary>
public interface IExtensionInstaller
{
    /// <summary>Installs the extension and starts it with <paramref name="settings"/>.</summary>
    Task<InstallerResult> InstallAsync(ExtensionSettings settings, CancellationToken cancellationToken);

    /// <summary>Starts the installed extension with the settings in force.</summary>
    Task<InstallerResult> EnableAsync(ExtensionSettings settings, CancellationToken cancellationToken);

    /// <summary>Replaces the settings in force, <paramref name="before"/>, with <paramref name="after"/>.</summary>
    Task<InstallerResult> ApplySettingsAsync(ExtensionSettings before, ExtensionSettings after, CancellationToken cancellationToken);

    /// <summary>Stops the extension and keeps it installed with the settings in force.</summary>
    Task<InstallerResult> DisableAsync(ExtensionSettings settings, CancellationToken cancellationToken);

    /// <summary>Removes the extension and everything it granted on the host's instances.</summary>
    Task<InstallerResult> UninstallAsync(CancellationToken cancellationToken);
}
