namespace ArcActors.ReadModel;

/// <summary>Sizes of the read store. <see cref="BilledCoresByMeter"/> sums billed cores over every hour, ordered by meter name.</summary>
public sealed record StoreCounts(
    int Instances,
    int Databases,
    int AvailabilityGroups,
    int Machines,
    int BillingRows,
    IReadOnlyDictionary<string, long> BilledCoresByMeter);
