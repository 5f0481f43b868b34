using System.Diagnostics;
using ArcActors.ReadModel;

namespace ArcActors.ApiBench;

/// <summary>Fills a read store with fleets through the events the pipeline persists and the last-seen times it records.</summary>
public static class StoreFiller
{
    private const int HostsPerBatch = 25;

    /// <summary>Applies the events of every fleet, records last-seen times for every host and instance, and returns the time it took.</summary>
    public static TimeSpan Fill(ReadStore store, IReadOnlyList<BenchFleet> fleets, TextWriter log)
    {
        var stopwatch = Stopwatch.StartNew();
        var offset = 0L;

        foreach (var fleet in fleets)
        {
            for (var first = 0; first < fleet.Hosts; first += HostsPerBatch)
            {
                var last = Math.Min(first + HostsPerBatch, fleet.Hosts);
                var batch = Enumerable.Range(first, last - first)
                    .SelectMany(fleet.HostEvents)
                    .Select(@event => (++offset, @event))
                    .ToList();
                store.ApplyBatch("inventory", batch);
            }

            RecordLastSeen(store, fleet);
            log.WriteLine($"filled subscription {fleet.Scope.SubscriptionId}: {fleet.Hosts} hosts, {fleet.Instances} instances, {fleet.Databases} databases ({stopwatch.Elapsed.TotalSeconds:F1} s)");
        }

        return stopwatch.Elapsed;
    }

    // Machine-wide times for every host and later inventory times for every instance, so reads
    // lay both kinds over the stored resources.
    private static void RecordLastSeen(ReadStore store, BenchFleet fleet)
    {
        var machineSeen = BenchFleet.InventoryAt.AddMinutes(5);
        var instanceSeen = BenchFleet.InventoryAt.AddMinutes(10);

        for (var host = 0; host < fleet.Hosts; host++)
        {
            var fleetHost = fleet.HostOffset + host;
            store.RecordLastSeen(BenchFleet.VmId(fleetHost), "", machineSeen, machineSeen);

            var firstInstance = host * BenchFleet.InstancesPerHost;
            var lastInstance = Math.Min(firstInstance + BenchFleet.InstancesPerHost, fleet.Instances);
            for (var instance = firstInstance; instance < lastInstance; instance++)
            {
                var instanceId = ResourceIds.Instance(fleet.Scope, BenchFleet.HostName(fleetHost), BenchFleet.InstanceName(instance));
                store.RecordLastSeen(BenchFleet.VmId(fleetHost), instanceId, instanceSeen, null);
            }
        }
    }
}
