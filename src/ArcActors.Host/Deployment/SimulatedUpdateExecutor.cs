namespace ArcActors.Host.Deployment;

/// <summary>
/// An <see cref="IUpdateExecutor"/> for simulations: it installs nothing and records the ids of the
/// updates it was given, once each and in order, as an update installed twice is installed once.
/// Safe to call from several threads.
/// </summary>
public sealed class SimulatedUpdateExecutor : IUpdateExecutor
{
    private readonly Lock _lock = new();
    private readonly List<string> _installed = [];

    /// <summary>Ids of the installed updates in the order they were installed.</summary>
    public IReadOnlyList<string> InstalledIds
    {
        get
        {
            lock (_lock)
            {
                return _installed.ToList();
            }
        }
    }

    public Task<InstallerResult> InstallAsync(AvailableUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            if (!_installed.Contains(update.Id, StringComparer.Ordinal))
            {
                _installed.Add(update.Id);
            }
        }

        return Task.FromResult(InstallerResult.Success);
    }
}
