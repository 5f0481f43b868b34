using ArcActors.Contracts.Billing;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Usage;

namespace ArcActors.Billing;

/// <summary>Extended security update lines: one per OS environment and eligible SQL Server version.</summary>
internal static class EsuBilling
{
    private static readonly (int Major, int Year)[] EligibleVersions = [(12, 2014), (13, 2016)];

    /// <summary>
    /// Creates one ESU line per eligible version present on the OSE, metered by the highest edition
    /// among that version's instances, when ESU is enabled and the license type is PAYG or Paid.
    /// </summary>
    public static IEnumerable<BillingLine> Lines(UsageRecord record, string licenseType)
    {
        // LicenseOnly with ESU enabled is rejected when the settings are written, so such a record bills no ESU.
        if (!record.EnableExtendedSecurityUpdates || !LicenseTypes.IsPaygOrPaid(licenseType))
        {
            yield break;
        }

        foreach (var (major, year) in EligibleVersions)
        {
            var instances = record.Instances
                .Where(instance => SqlServerVersions.MajorOf(instance.CurrentVersion) == major)
                .ToList();
            if (instances.Count == 0)
            {
                continue;
            }

            var reporting = ReportingInstance.Select(instances);
            var meter = MeterFor(reporting.Edition, year);
            if (meter is null)
            {
                continue;
            }

            var cores = BillableCores.For(record, reporting.Edition);
            yield return new BillingLine(meter, cores, reporting.Edition, licenseType, reporting.Instance.InstanceName);
        }
    }

    // NOTE: only Enterprise and Standard have ESU meters, so an ESU version whose highest edition is
    // free bills no ESU line. The "back billing" meters from the ESU year start are not emitted here.
    private static string? MeterFor(string edition, int year) => (edition, year) switch
    {
        (Editions.Enterprise, 2014) => Meters.EnterpriseEsu2014,
        (Editions.Enterprise, 2016) => Meters.EnterpriseEsu2016,
        (Editions.Standard, 2014) => Meters.StandardEsu2014,
        (Editions.Standard, 2016) => Meters.StandardEsu2016,
        _ => null,
    };
}
