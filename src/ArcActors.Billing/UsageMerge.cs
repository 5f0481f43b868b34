using ArcActors.Contracts.Usage;

namespace ArcActors.Billing;

/// <summary>
/// Merges several samples of the usage of one OS environment in one UTC hour into one record, so that
/// anything seen during the hour bills for the whole hour.
/// </summary>
public static class UsageMerge
{
    /// <summary>
    /// Merges two samples of the same OSE and hour, <paramref name="later"/> taken after
    /// <paramref name="earlier"/>. The result contains the union of instances, sorted by name. Each
    /// instance takes the highest edition seen, the maximum user connections, and a database outside an
    /// availability group if any sample had one. Its other facts come from the later sample.
    /// Cores are the maximum of both samples and the other machine facts come from the later one.
    /// </summary>
    /// <exception cref="ArgumentException">The samples belong to different OSEs or hours.</exception>
    public static UsageRecord Merge(UsageRecord earlier, UsageRecord later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);

        if (earlier.VmId != later.VmId || earlier.HourStart != later.HourStart)
        {
            throw new ArgumentException(
                $"Usage of VM {later.VmId} at {later.HourStart:O} cannot merge with usage of VM {earlier.VmId} " +
                $"at {earlier.HourStart:O}. Merge only samples of the same OSE and UTC hour.",
                nameof(later));
        }

        return later with
        {
            LogicalProcessors = Math.Max(earlier.LogicalProcessors, later.LogicalProcessors),
            PhysicalCores = Math.Max(earlier.PhysicalCores, later.PhysicalCores),
            Instances = MergeInstances(earlier.Instances, later.Instances),
        };
    }

    /// <summary>Merges samples of the same OSE and hour given in the order they were taken.</summary>
    /// <exception cref="ArgumentException">There are no samples, or they belong to different OSEs or hours.</exception>
    public static UsageRecord Merge(IEnumerable<UsageRecord> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);

        var list = samples.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("No usage samples to merge. Pass at least one.", nameof(samples));
        }

        return list.Skip(1).Aggregate(Merge(list[0], list[0]), Merge);
    }

    private static IReadOnlyList<InstanceUsage> MergeInstances(
        IReadOnlyList<InstanceUsage> earlier, IReadOnlyList<InstanceUsage> later)
    {
        var byName = new Dictionary<string, InstanceUsage>(StringComparer.OrdinalIgnoreCase);
        foreach (var instance in earlier.Concat(later))
        {
            byName[instance.InstanceName] = byName.TryGetValue(instance.InstanceName, out var seen)
                ? MergeInstance(seen, instance)
                : instance;
        }

        return byName.Values
            .OrderBy(instance => instance.InstanceName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(instance => instance.InstanceName, StringComparer.Ordinal)
            .ToList();
    }

    // Replicas come from the later sample so that a failover within the hour swaps the meters
    // of the two OSEs rather than billing both as active.
    private static InstanceUsage MergeInstance(InstanceUsage earlier, InstanceUsage later) => later with
    {
        Edition = EditionRank.Of(earlier.Edition) > EditionRank.Of(later.Edition) ? earlier.Edition : later.Edition,
        UserConnections = Math.Max(earlier.UserConnections, later.UserConnections),
        HasDatabaseOutsideAvailabilityGroup =
            earlier.HasDatabaseOutsideAvailabilityGroup || later.HasDatabaseOutsideAvailabilityGroup,
    };
}
