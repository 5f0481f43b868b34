using System.Text.Json.Nodes;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;

namespace ArcActors.ReadModel;

public static partial class ArmRenderer
{
    /// <summary>
    /// Renders a <c>sqlServerInstances/availabilityGroups</c> resource as the instance
    /// <paramref name="instanceName"/> on <paramref name="hostName"/> reported the group.
    /// </summary>
    public static JsonObject AvailabilityGroup(
        ResourceScope scope,
        string hostName,
        string instanceName,
        AvailabilityGroupSnapshot group,
        ResourceTimes times,
        DateTimeOffset collectionTimestamp)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(times);

        var instanceId = ResourceIds.Instance(scope, hostName, instanceName);
        var properties = new JsonObject
        {
            ["availabilityGroupId"] = group.AvailabilityGroupId.ToString("D"),
            ["serverName"] = hostName,
            ["instanceName"] = instanceName,
            ["collectionTimestamp"] = ArmTime.Format(collectionTimestamp),
            ["info"] = new JsonObject
            {
                ["isDistributed"] = group.IsDistributed,
                ["primaryReplica"] = group.PrimaryReplica,
            },
            ["replicas"] = new JsonObject { ["value"] = new JsonArray(group.Replicas.Select(Replica).ToArray()) },
            ["databases"] = new JsonObject { ["value"] = new JsonArray(group.Databases.Select(DatabaseReplica).ToArray()) },
            ["provisioningState"] = "Succeeded",
        };

        return Envelope(
            ResourceIds.AvailabilityGroup(instanceId, group.Name),
            group.Name,
            ResourceIds.AvailabilityGroupType,
            LocationOf(scope),
            times,
            properties);
    }

    private static JsonNode? Replica(AvailabilityReplicaSnapshot replica) => new JsonObject
    {
        ["replicaName"] = replica.ReplicaName,
        ["configure"] = new JsonObject
        {
            ["availabilityModeDescription"] = replica.AvailabilityMode,
            ["failoverModeDescription"] = replica.FailoverMode,
            ["secondaryRoleAllowConnectionsDescription"] = replica.SecondaryRoleAllowConnections,
        },
        ["state"] = new JsonObject
        {
            ["availabilityGroupReplicaRole"] = replica.Role,
            ["synchronizationHealthDescription"] = replica.SynchronizationHealth,
            ["connectedStateDescription"] = replica.ConnectedState,
        },
    };

    private static JsonNode? DatabaseReplica(AvailabilityDatabaseSnapshot database) => new JsonObject
    {
        ["databaseName"] = database.DatabaseName,
        ["replicaName"] = database.ReplicaName,
        ["isLocal"] = database.IsLocal,
        ["isPrimaryReplica"] = database.IsPrimaryReplica,
        ["synchronizationStateDescription"] = database.SynchronizationState,
        ["synchronizationHealthDescription"] = database.SynchronizationHealth,
        ["databaseStateDescription"] = database.DatabaseState,
        ["isSuspended"] = database.IsSuspended,
    };
}
