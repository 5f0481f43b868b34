using ArcActors.ReadModel;

namespace ArcActors.Node.Commands;

/// <summary>Prints what the read store holds: resources by type and billed cores per meter.</summary>
public static class SummaryTable
{
    public static void Write(StoreCounts counts, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"  {"machines",-28} {counts.Machines,8}");
        output.WriteLine($"  {"SQL Server instances",-28} {counts.Instances,8}");
        output.WriteLine($"  {"databases",-28} {counts.Databases,8}");
        output.WriteLine($"  {"availability groups",-28} {counts.AvailabilityGroups,8}");
        output.WriteLine($"  {"billing records",-28} {counts.BillingRows,8}");
        output.WriteLine();
        output.WriteLine($"  {"meter",-34} {"billed core-hours",18}");
        foreach (var (meter, cores) in counts.BilledCoresByMeter.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {meter,-34} {cores,18}");
        }

        output.WriteLine();
    }
}
