namespace ArcActors.Host.Deployment;

/// <summary>The deployer's decision on a request in its current state. <see cref="Error"/> is set only for a rejection.</summary>
public sealed record DeployerDecision(DeployerDecisionKind Kind, DeploymentError? Error = null)
{
    public static readonly DeployerDecision Run = new(DeployerDecisionKind.Run);

    public static readonly DeployerDecision NoOp = new(DeployerDecisionKind.NoOp);

    public static DeployerDecision Reject(string code, string message) => new(DeployerDecisionKind.Reject, new DeploymentError(code, message));
}
