namespace ArcActors.Host.Deployment;

/// <summary>
/// State of the host extension as the deployer records it. The states ending in "ing" last while one
/// operation runs; the others are where operations start and end.
/// </summary>
public enum DeployerStatus
{
    NotInstalled,
    Installing,
    Enabling,
    Enabled,
    Updating,
    Disabling,
    Disabled,
    Uninstalling,

    /// <summary>The last operation failed; any operation may be run again to recover, and Uninstall always cleans up.</summary>
    Failed,
}
