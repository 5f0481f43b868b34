namespace ArcActors.Host.Deployment;

/// <summary>Installs updates that <see cref="AutomaticUpdatePolicy"/> decided to install now.</summary>
public interface IUpdateExecutor
{
    Task<InstallerResult> InstallAsync(AvailableUpdate update, CancellationToken cancellationToken);
}
