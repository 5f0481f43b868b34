namespace ArcActors.Host.Deployment;

/// <summary>The outcome of one <see cref="IExtensionInstaller"/> call: success, or the error that stopped it.</summary>
public sealed record InstallerResult(DeploymentError? Error)
{
    public static readonly InstallerResult Success = new((DeploymentError?)null);

    public bool Succeeded => Error is null;

    public static InstallerResult Failure(string code, string message) => new(new DeploymentError(code, message));
}
