using ArcActors.Contracts.Usage;

namespace ArcActors.Billing;

/// <summary>
/// Compares usage records by content. Record equality compares the instance and replica lists by
/// reference, so this comparer compares them as sets, ignoring their order.
/// </summary>
public sealed class UsageRecordComparer : IEqualityComparer<UsageRecord>
{
    private static readonly IReadOnlyList<InstanceUsage> NoInstances = [];
    private static readonly IReadOnlyList<ReplicaUsage> NoReplicas = [];

    public static UsageRecordComparer Instance { get; } = new();

    public bool Equals(UsageRecord? x, UsageRecord? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null)
        {
            return false;
        }

        var sameMachineFacts = x with { Instances = NoInstances } == y with { Instances = NoInstances };
        return sameMachineFacts && SameInstances(x.Instances, y.Instances);
    }

    public int GetHashCode(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return HashCode.Combine(record.VmId, record.HourStart.UtcTicks, record.HostName, record.Instances.Count);
    }

    private static bool SameInstances(IReadOnlyList<InstanceUsage> x, IReadOnlyList<InstanceUsage> y) =>
        x.Count == y.Count && SortByName(x).Zip(SortByName(y)).All(pair => SameInstance(pair.First, pair.Second));

    private static bool SameInstance(InstanceUsage x, InstanceUsage y)
    {
        var sameInstanceFacts = x with { Replicas = NoReplicas } == y with { Replicas = NoReplicas };
        return sameInstanceFacts && SortReplicas(x.Replicas).SequenceEqual(SortReplicas(y.Replicas));
    }

    private static IEnumerable<InstanceUsage> SortByName(IEnumerable<InstanceUsage> instances) =>
        instances.OrderBy(instance => instance.InstanceName, StringComparer.Ordinal);

    private static IEnumerable<ReplicaUsage> SortReplicas(IEnumerable<ReplicaUsage> replicas) =>
        replicas
            .OrderBy(replica => replica.AvailabilityGroup, StringComparer.Ordinal)
            .ThenBy(replica => replica.IsPrimary)
            .ThenBy(replica => replica.IsReadable);
}
