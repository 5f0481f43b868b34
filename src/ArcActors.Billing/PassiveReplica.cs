using ArcActors.Contracts.Usage;

namespace ArcActors.Billing;

/// <summary>Detects an OS environment that qualifies as a free passive (failover) replica in one hour.</summary>
public static class PassiveReplica
{
    /// <summary>
    /// Returns true when the OSE is a passive replica. It must run Windows with license type PAYG or Paid
    /// and have at least one availability group replica. Every replica must be a secondary that is not
    /// readable or has no user connections. No user database may lie outside an availability group,
    /// except on a single Express instance, and no instance may have user connections. Linux has no
    /// passive detection, so a Linux OSE is never passive.
    /// </summary>
    public static bool IsPassive(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);

        if (!LicenseTypes.IsPaygOrPaid(LicenseTypes.Normalize(record.LicenseType)))
        {
            return false;
        }

        if (!string.Equals(record.Os, "Windows", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // NOTE: an OSE without any availability group replica is never passive. A failover cluster node
        // with no SQL service running is passive by rule, but such a node reports no instances and so bills nothing.
        if (!record.Instances.Any(instance => instance.Replicas.Count > 0))
        {
            return false;
        }

        return record.Instances.All(HasOnlyIdleSecondaries)
            && record.Instances.All(instance => instance.UserConnections == 0)
            && HasNoDatabaseOutsideAvailabilityGroups(record.Instances);
    }

    // A forwarder of a distributed availability group arrives as a secondary replica.
    private static bool HasOnlyIdleSecondaries(InstanceUsage instance) =>
        instance.Replicas.All(replica =>
            !replica.IsPrimary && (!replica.IsReadable || instance.UserConnections == 0));

    private static bool HasNoDatabaseOutsideAvailabilityGroups(IReadOnlyList<InstanceUsage> instances)
    {
        var withDatabasesOutside = instances.Where(instance => instance.HasDatabaseOutsideAvailabilityGroup).ToList();
        if (withDatabasesOutside.Count == 0)
        {
            return true;
        }

        // One Express instance may keep its own databases outside every availability group.
        return withDatabasesOutside.Count == 1
            && Editions.TryNormalize(withDatabasesOutside[0].Edition) == Editions.Express;
    }
}
