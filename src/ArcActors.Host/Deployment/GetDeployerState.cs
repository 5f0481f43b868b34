namespace ArcActors.Host.Deployment;

/// <summary>Asks the <see cref="Deployer"/> for its <see cref="DeployerState"/>.</summary>
public sealed record GetDeployerState
{
    public static readonly GetDeployerState Instance = new();
}
