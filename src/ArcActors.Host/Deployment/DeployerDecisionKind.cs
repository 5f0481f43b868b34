namespace ArcActors.Host.Deployment;

/// <summary>What the deployer does with a request: run it, reply with success without running it, or reject it.</summary>
public enum DeployerDecisionKind
{
    Run,
    NoOp,
    Reject,
}
