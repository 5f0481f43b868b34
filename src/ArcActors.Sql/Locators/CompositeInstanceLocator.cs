namespace ArcActors.Sql.Locators;

/// <summary>
/// Combines locators in order. When two locators report the same instance name, the first one wins,
/// so configured connection strings (which carry the login) should come before the OS locator.
/// </summary>
public sealed class CompositeInstanceLocator : IInstanceLocator
{
    private readonly IReadOnlyList<IInstanceLocator> _locators;

    public CompositeInstanceLocator(params IReadOnlyList<IInstanceLocator> locators)
    {
        ArgumentNullException.ThrowIfNull(locators);
        _locators = locators;
    }

    public async Task<IReadOnlyList<LocatedInstance>> LocateAsync(CancellationToken cancellationToken)
    {
        var located = new List<LocatedInstance>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var locator in _locators)
        {
            var instances = await locator.LocateAsync(cancellationToken).ConfigureAwait(false);
            located.AddRange(instances.Where(instance => names.Add(instance.InstanceName)));
        }

        return located;
    }
}
