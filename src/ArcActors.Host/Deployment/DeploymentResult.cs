namespace ArcActors.Host.Deployment;

/// <summary>The reply to a <see cref="DeploymentRequest"/>: how it ended, the deployer's status afterwards, and the error if any.</summary>
public sealed record DeploymentResult(DeployerOperation Operation, DeploymentOutcome Outcome, DeployerStatus Status, DeploymentError? Error = null)
{
    public bool Succeeded => Outcome is DeploymentOutcome.Succeeded or DeploymentOutcome.AlreadyDone;
}
