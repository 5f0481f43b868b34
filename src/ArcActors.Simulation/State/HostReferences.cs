using ArcActors.Simulation.Fleets;

namespace ArcActors.Simulation;

/// <summary>Helpers for the places where one host names another: availability group replicas and failover cluster nodes.</summary>
internal static class HostReferences
{
    /// <summary>Replaces <paramref name="oldName"/> with <paramref name="newName"/> in the replica and cluster node lists of a host's instances.</summary>
    public static FleetHost Rename(FleetHost host, string oldName, string newName)
    {
        string Swap(string name) => FleetValues.SameHostName(name, oldName) ? newName : name;

        var instances = host.Instances.Select(instance => instance with
        {
            AvailabilityGroups = instance.AvailabilityGroups.Select(group => group with { Replicas = group.Replicas.Select(Swap).ToList() }).ToList(),
            FailoverCluster = instance.FailoverCluster is null
                ? null
                : instance.FailoverCluster with
                {
                    Nodes = instance.FailoverCluster.Nodes.Select(Swap).ToList(),
                    ActiveNode = Swap(instance.FailoverCluster.ActiveNode),
                },
        });

        return host with { Instances = instances.ToList() };
    }
}
