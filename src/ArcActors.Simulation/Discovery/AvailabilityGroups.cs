using ArcActors.Contracts.Inventory;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Simulation;

/// <summary>Builds an availability group as one replica reports it, from the group entries of every replica host.</summary>
internal static class AvailabilityGroups
{
    private sealed record Replica(string Name, string Role, bool Readable, bool IsLocal);

    public static AvailabilityGroupSnapshot Read(FleetSnapshot snapshot, FleetHost host, FleetInstance instance, FleetAvailabilityGroup group)
    {
        var replicas = ReplicasOf(snapshot, host, instance, group);
        var primary = replicas.FirstOrDefault(replica => replica.Role == "PRIMARY");

        return new AvailabilityGroupSnapshot
        {
            AvailabilityGroupId = group.Id,
            Name = group.Name,
            LocalRole = RoleOf(group),
            LocalReadable = group.Readable,
            PrimaryReplica = primary?.Name ?? "",
            Replicas = replicas.Select(ToReplicaSnapshot).ToList(),
            Databases = group.Databases.SelectMany(database => replicas.Select(replica => ToDatabaseSnapshot(database, replica))).ToList(),
        };
    }

    private static List<Replica> ReplicasOf(FleetSnapshot snapshot, FleetHost host, FleetInstance instance, FleetAvailabilityGroup group)
    {
        var local = new Replica(SimulatedInstanceProbe.ServerName(host.Name, instance.Name), RoleOf(group), group.Readable, IsLocal: true);
        var replicas = new List<Replica> { local };

        foreach (var hostName in group.Replicas.Where(name => !FleetValues.SameHostName(name, host.Name)))
        {
            replicas.Add(RemoteReplica(snapshot, hostName, group.Id));
        }

        return replicas;
    }

    private static Replica RemoteReplica(FleetSnapshot snapshot, string hostName, Guid groupId)
    {
        var remoteHost = snapshot.FindHost(hostName);
        var remoteInstance = remoteHost?.Instances.FirstOrDefault(candidate => candidate.AvailabilityGroups.Any(group => group.Id == groupId));
        var remoteGroup = remoteInstance?.AvailabilityGroups.First(group => group.Id == groupId);
        if (remoteHost is null || remoteInstance is null || remoteGroup is null)
        {
            // A replica on a host outside the fleet: SQL Server lists it, but its role is unknown from here.
            return new Replica(hostName, "UNKNOWN", Readable: false, IsLocal: false);
        }

        var name = SimulatedInstanceProbe.ServerName(remoteHost.Name, remoteInstance.Name);
        return new Replica(name, RoleOf(remoteGroup), remoteGroup.Readable, IsLocal: false);
    }

    private static string RoleOf(FleetAvailabilityGroup group) => group.Role == FleetValues.Primary ? "PRIMARY" : "SECONDARY";

    private static AvailabilityReplicaSnapshot ToReplicaSnapshot(Replica replica) => new(
        replica.Name,
        replica.Role,
        AvailabilityMode: "SYNCHRONOUS_COMMIT",
        FailoverMode: "AUTOMATIC",
        SecondaryRoleAllowConnections: replica.Readable ? "ALL" : "NO",
        SynchronizationHealth: "HEALTHY",
        ConnectedState: "CONNECTED");

    private static AvailabilityDatabaseSnapshot ToDatabaseSnapshot(string databaseName, Replica replica) => new(
        databaseName,
        replica.Name,
        replica.IsLocal,
        IsPrimaryReplica: replica.Role == "PRIMARY",
        SynchronizationState: "SYNCHRONIZED",
        SynchronizationHealth: "HEALTHY",
        DatabaseState: "ONLINE",
        IsSuspended: false);
}
