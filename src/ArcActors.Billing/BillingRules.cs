using ArcActors.Contracts.Billing;
using ArcActors.Contracts.Usage;

namespace ArcActors.Billing;

/// <summary>Turns the usage of one OS environment in one UTC hour into billing lines.</summary>
public static class BillingRules
{
    /// <summary>
    /// Bills one hour of one OSE: one line for the highest edition on it, plus one ESU line per
    /// eligible SQL Server version when ESU is enabled. A record without instances bills nothing,
    /// because stopped instances and stopped VMs report no usage.
    /// </summary>
    /// <exception cref="ArgumentException">The license type or an instance edition is invalid.</exception>
    public static IReadOnlyList<BillingLine> BillHour(UsageRecord record, LicenseCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(coverage);

        if (record.Instances.Count == 0)
        {
            return [];
        }

        var licenseType = LicenseTypes.Normalize(record.LicenseType);
        var reporting = ReportingInstance.Select(record.Instances);

        var meter = MeterSelection.For(
            reporting.Edition, licenseType, PassiveReplica.IsPassive(record), IsCovered(record, licenseType, coverage));
        var cores = BillableCores.For(record, reporting.Edition);

        var lines = new List<BillingLine>
        {
            new(meter, cores, reporting.Edition, licenseType, reporting.Instance.InstanceName),
        };
        lines.AddRange(EsuBilling.Lines(record, licenseType));
        return lines;
    }

    // A physical server is never covered: the license covers the virtual machines it hosts.
    private static bool IsCovered(UsageRecord record, string licenseType, LicenseCoverage coverage) =>
        coverage.IsInActivatedLicenseScope
        && record.IsVirtualMachine
        && record.UsePhysicalCoreLicense
        && LicenseTypes.IsPaygOrPaid(licenseType);
}
