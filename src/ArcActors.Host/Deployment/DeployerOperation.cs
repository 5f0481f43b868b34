namespace ArcActors.Host.Deployment;

/// <summary>An operation of the extension deployer.</summary>
public enum DeployerOperation
{
    Install,
    Enable,
    Update,
    Disable,
    Uninstall,
}
