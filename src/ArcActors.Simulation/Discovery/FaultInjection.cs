using System.Collections.Concurrent;

namespace ArcActors.Simulation;

/// <summary>
/// Faults a test makes a <see cref="SimulatedDiscoverySource"/> raise: probes of the named instances
/// or databases throw <see cref="InvalidOperationException"/>, and <see cref="Custom"/> may throw anything.
/// Safe to change while probes run on other threads.
/// </summary>
public sealed class FaultInjection
{
    private readonly ConcurrentDictionary<string, bool> _instances = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _databases = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Called before every instance probe (database null) and database probe with the instance and
    /// database name. A returned exception is thrown by the probe, null lets it run.
    /// </summary>
    public Func<string, string?, Exception?>? Custom { get; set; }

    /// <summary>Makes every later probe of this instance throw.</summary>
    public void FailInstance(string instanceName) => _instances[instanceName] = true;

    /// <summary>Makes every later probe of this database of this instance throw.</summary>
    public void FailDatabase(string instanceName, string databaseName) => _databases[DatabaseKey(instanceName, databaseName)] = true;

    /// <summary>Removes every fault, <see cref="Custom"/> included.</summary>
    public void Clear()
    {
        _instances.Clear();
        _databases.Clear();
        Custom = null;
    }

    internal void ThrowIfFaulted(string instanceName, string? databaseName)
    {
        var custom = Custom?.Invoke(instanceName, databaseName);
        if (custom is not null)
        {
            throw custom;
        }

        if (databaseName is null && _instances.ContainsKey(instanceName))
        {
            throw new InvalidOperationException($"simulated fault: probe of instance '{instanceName}' failed");
        }

        if (databaseName is not null && _databases.ContainsKey(DatabaseKey(instanceName, databaseName)))
        {
            throw new InvalidOperationException($"simulated fault: probe of database '{databaseName}' on instance '{instanceName}' failed");
        }
    }

    // NOTE: database names match case-insensitively here, whatever the instance collation.
    private static string DatabaseKey(string instanceName, string databaseName) => $"{instanceName}\u0000{databaseName}";
}
