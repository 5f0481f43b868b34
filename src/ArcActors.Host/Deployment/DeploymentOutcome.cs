namespace ArcActors.Host.Deployment;

/// <summary>How a deployer request ended.</summary>
public enum DeploymentOutcome
{
    /// <summary>The installer ran the operation with success.</summary>
    Succeeded,

    /// <summary>The extension was already in the requested state, so nothing ran.</summary>
    AlreadyDone,

    /// <summary>The request was invalid in the current state or carried invalid settings; nothing ran and the state is unchanged.</summary>
    Rejected,

    /// <summary>The installer ran the operation and it failed; the deployer is now Failed.</summary>
    Failed,
}
