namespace ArcActors.ReadModel;

/// <summary>Counts and wall time of a simulation run, written as summary.json in this field order.</summary>
public sealed record SimulationSummary(
    int Hosts,
    int Instances,
    int Databases,
    int AvailabilityGroups,
    int BillingRecords,
    int Errors,
    double WallTimeSeconds)
{
    /// <summary>Builds a summary whose resource and billing counts come from <paramref name="store"/>.</summary>
    public static SimulationSummary FromStore(ReadStore store, int hosts, int errors, double wallTimeSeconds)
    {
        ArgumentNullException.ThrowIfNull(store);

        var counts = store.GetCounts();
        return new SimulationSummary(hosts, counts.Instances, counts.Databases, counts.AvailabilityGroups, counts.BillingRows, errors, wallTimeSeconds);
    }
}
