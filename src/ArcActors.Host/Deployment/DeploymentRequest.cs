using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Deployment;

/// <summary>
/// A request to run one deployer operation. Install and Update carry the complete settings to apply:
/// an update replaces every setting, so a field left at its default in <see cref="Settings"/> is reset
/// to that default, never kept from the settings in force.
/// </summary>
public sealed record DeploymentRequest(DeployerOperation Operation, ExtensionSettings? Settings = null)
{
    /// <summary>Requests an installation with <paramref name="settings"/>, or the default settings when null.</summary>
    public static DeploymentRequest Install(ExtensionSettings? settings = null) => new(DeployerOperation.Install, settings ?? new ExtensionSettings());

    public static DeploymentRequest Enable() => new(DeployerOperation.Enable);

    /// <summary>Requests that <paramref name="settings"/> replace every setting in force.</summary>
    public static DeploymentRequest Update(ExtensionSettings settings) =>
        new(DeployerOperation.Update, settings ?? throw new ArgumentNullException(nameof(settings)));

    public static DeploymentRequest Disable() => new(DeployerOperation.Disable);

    public static DeploymentRequest Uninstall() => new(DeployerOperation.Uninstall);
}
