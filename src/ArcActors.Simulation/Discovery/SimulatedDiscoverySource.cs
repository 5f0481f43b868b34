using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Simulation.Fleets;
using ArcActors.Simulation.Fleets.Parsing;

namespace ArcActors.Simulation;

/// <summary>
/// Discovery for one simulated host, read from a <see cref="FleetState"/>. The host is found by
/// vmId on every call, so it follows renames. Every call reads the state as it is at that moment.
/// </summary>
public sealed class SimulatedDiscoverySource(FleetState state, Guid vmId) : IDiscoverySource
{
    public Guid VmId => vmId;

    /// <summary>Faults tests can inject into instance and database probes.</summary>
    public FaultInjection Faults { get; } = new();

    public Task<MachineSnapshot> DescribeMachineAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var host = RequireHost(state.Snapshot);

        return Task.FromResult(new MachineSnapshot
        {
            VmId = host.VmId,
            HostName = host.Name,
            Os = host.Os,
            Manufacturer = host.Manufacturer,
            Model = host.Model,
            LogicalProcessors = host.LogicalProcessors,
            PhysicalCores = host.PhysicalCores,
            Extension = ToSettings(host.Extension),
        });
    }

    public Task<IReadOnlyList<InstanceLocation>> LocateInstancesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var host = RequireHost(state.Snapshot);
        IReadOnlyList<InstanceLocation> locations = host.Instances
            .Select(instance => new InstanceLocation
            {
                InstanceName = instance.Name,
                IsLocalDb = instance.LocalDb,
                UnsupportedReason = FleetValues.UnsupportedReason(instance.Name),
            })
            .ToList();

        return Task.FromResult(locations);
    }

    public Task<InstanceSnapshot> ProbeInstanceAsync(InstanceLocation instance, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Faults.ThrowIfFaulted(instance.InstanceName, null);
        var snapshot = state.Snapshot;
        var host = RequireHost(snapshot);
        var found = RequireInstance(host, instance.InstanceName);

        return Task.FromResult(SimulatedInstanceProbe.Read(snapshot, host, found));
    }

    public Task<DatabaseSnapshot> ProbeDatabaseAsync(InstanceLocation instance, DatabaseEntry database, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Faults.ThrowIfFaulted(instance.InstanceName, database.Name);
        var host = RequireHost(state.Snapshot);
        var found = RequireInstance(host, instance.InstanceName);
        var fleetDatabase = found.FindDatabase(database.Name) ?? throw new InvalidOperationException(
            $"database '{database.Name}' does not exist on instance '{found.Name}' of host '{host.Name}' at {Now()}; probe the instance again to refresh its list of databases");
        var created = state.DatabaseCreatedAt(host.VmId, found.Name, fleetDatabase.Name);

        return Task.FromResult(SimulatedInstanceProbe.ReadDatabase(found, fleetDatabase, created));
    }

    private static ExtensionSettings ToSettings(FleetExtension extension) => new()
    {
        LicenseType = extension.LicenseType,
        ConsentToRecurringPayg = extension.ConsentToRecurringPayg,
        UsePhysicalCoreLicense = extension.UsePhysicalCoreLicense,
        EnableExtendedSecurityUpdates = extension.Esu,
        ExcludedInstances = extension.ExcludedInstances,
        FeatureFlags = new Dictionary<string, bool>(extension.FeatureFlags),
    };

    private FleetHost RequireHost(FleetSnapshot snapshot) =>
        snapshot.FindHost(vmId) ?? throw new InvalidOperationException(
            $"host with vmId {vmId} is not in the simulated fleet at {Now()}; check the vmId the source was created with");

    private FleetInstance RequireInstance(FleetHost host, string instanceName) =>
        host.FindInstance(instanceName) ?? throw new InvalidOperationException(
            $"instance '{instanceName}' does not exist on host '{host.Name}' at {Now()}; locate the instances again to refresh the list");

    private string Now() => FleetTime.FormatTimestamp(state.AppliedUntil);
}
