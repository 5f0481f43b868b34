using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Jobs;

/// <summary>Finds the instance and database a job names, through the host's discovery source.</summary>
public static class InstanceLookup
{
    /// <summary>Returns the located instance named <paramref name="instanceName"/> (case-insensitive).</summary>
    /// <exception cref="JobInputException">No managed instance on the host has that name.</exception>
    public static async Task<InstanceLocation> LocateAsync(IDiscoverySource source, string hostName, string instanceName, CancellationToken cancellationToken)
    {
        var located = await source.LocateInstancesAsync(cancellationToken).ConfigureAwait(false);
        return located.FirstOrDefault(instance => string.Equals(instance.InstanceName, instanceName, StringComparison.OrdinalIgnoreCase))
            ?? throw new JobInputException(
                $"instance '{instanceName}' is not installed on host '{hostName}'; it has {string.Join(", ", located.Select(instance => $"'{instance.InstanceName}'"))}.");
    }

    /// <summary>Probes the instance and fails the job when it could not be read.</summary>
    public static async Task<InstanceSnapshot> ProbeAsync(IDiscoverySource source, InstanceLocation location, CancellationToken cancellationToken)
    {
        var snapshot = await source.ProbeInstanceAsync(location, cancellationToken).ConfigureAwait(false);
        return snapshot.Status == ProbeStatus.Ok
            ? snapshot
            : throw new JobInputException($"instance '{location.InstanceName}' could not be read ({snapshot.Status}): {snapshot.StatusMessage}");
    }

    /// <summary>Returns the database with exactly this name, else the one whose name differs only in case.</summary>
    public static DatabaseEntry FindDatabase(InstanceSnapshot instance, string databaseName) =>
        instance.Databases.FirstOrDefault(database => database.Name == databaseName)
        ?? instance.Databases.FirstOrDefault(database => string.Equals(database.Name, databaseName, StringComparison.OrdinalIgnoreCase))
        ?? throw new JobInputException($"database '{databaseName}' does not exist on instance '{instance.InstanceName}'; check the job's 'database' parameter.");
}
