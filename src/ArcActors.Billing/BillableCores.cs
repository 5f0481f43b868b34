using ArcActors.Contracts.Usage;

namespace ArcActors.Billing;

/// <summary>Cores billed for one OS environment and edition in one hour.</summary>
public static class BillableCores
{
    public const int Minimum = 4;
    public const int StandardMaximum = 24;

    /// <summary>
    /// Computes billed cores: logical processors for a virtual machine, physical cores for a physical
    /// server (so hyperthreads never bill), at least 4, and at most 24 for Standard edition.
    /// </summary>
    public static int For(UsageRecord record, string edition)
    {
        ArgumentNullException.ThrowIfNull(record);

        var cores = Math.Max(Minimum, CoresOfOse(record));
        if (EditionRank.Of(edition) == EditionRank.Standard)
        {
            cores = Math.Min(StandardMaximum, cores);
        }

        return cores;
    }

    private static int CoresOfOse(UsageRecord record)
    {
        if (record.IsVirtualMachine)
        {
            return record.LogicalProcessors;
        }

        // NOTE: a physical server that reports no physical core count bills its logical processors,
        // which overcounts when hyperthreading is on but never bills fewer cores than the server has.
        return record.PhysicalCores > 0 ? record.PhysicalCores : record.LogicalProcessors;
    }
}
