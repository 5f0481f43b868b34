using ArcActors.Contracts.Billing;

namespace ArcActors.Billing;

/// <summary>Bills the hourly line of a physical core license, independent of the VMs in its scope.</summary>
public static class LicenseBilling
{
    public const int MinimumPhysicalCores = 16;

    private static readonly string[] ScopeTypes = ["Tenant", "Subscription", "ResourceGroup"];

    /// <summary>
    /// Bills one UTC hour of a license: "Ent edition - Host - PAYG" for billing plan PAYG or
    /// "Ent edition - AHB" for Paid, on the configured physical cores. The license bills an hour when
    /// it was activated at any time during it, since a partial hour counts as a full hour.
    /// </summary>
    /// <exception cref="ArgumentException">The hour does not start on a whole UTC hour, or a license field is invalid.</exception>
    public static IReadOnlyList<BillingLine> BillHour(PhysicalCoreLicense license, DateTimeOffset hourStart)
    {
        ArgumentNullException.ThrowIfNull(license);
        ValidateHourStart(hourStart);

        var billingPlan = ValidateBillingPlan(license);
        ValidatePhysicalCores(license);
        ValidateScopeType(license);

        if (!IsActiveDuring(license, hourStart, hourStart.AddHours(1)))
        {
            return [];
        }

        var meter = billingPlan == LicenseTypes.Payg ? Meters.EnterpriseHostPayg : Meters.EnterpriseAhb;
        return [new BillingLine(meter, license.PhysicalCores, Editions.Enterprise, billingPlan, "")];
    }

    private static bool IsActiveDuring(PhysicalCoreLicense license, DateTimeOffset hourStart, DateTimeOffset hourEnd)
    {
        if (string.Equals(license.ActivationState, "Activated", StringComparison.OrdinalIgnoreCase))
        {
            return license.LastActivatedAt is null || license.LastActivatedAt < hourEnd;
        }

        if (string.Equals(license.ActivationState, "Deactivated", StringComparison.OrdinalIgnoreCase))
        {
            // Deactivated during this hour after an activation: the hour still bills in full.
            return license.LastDeactivatedAt is { } deactivated
                && deactivated >= hourStart
                && deactivated < hourEnd
                && license.LastActivatedAt is { } activated
                && activated < deactivated;
        }

        throw new ArgumentException(
            $"License '{license.Name}' has activation state '{license.ActivationState}', which is invalid. Set Activated or Deactivated.",
            nameof(license));
    }

    private static void ValidateHourStart(DateTimeOffset hourStart)
    {
        if (hourStart.Offset != TimeSpan.Zero || hourStart.Ticks % TimeSpan.TicksPerHour != 0)
        {
            throw new ArgumentException(
                $"Hour start {hourStart:O} is not the start of a UTC hour. Pass a UTC time with zero minutes and seconds.",
                nameof(hourStart));
        }
    }

    private static string ValidateBillingPlan(PhysicalCoreLicense license)
    {
        if (string.Equals(license.BillingPlan, LicenseTypes.Payg, StringComparison.OrdinalIgnoreCase))
        {
            return LicenseTypes.Payg;
        }

        if (string.Equals(license.BillingPlan, LicenseTypes.Paid, StringComparison.OrdinalIgnoreCase))
        {
            return LicenseTypes.Paid;
        }

        throw new ArgumentException(
            $"License '{license.Name}' has billing plan '{license.BillingPlan}', which is invalid. Set PAYG or Paid.",
            nameof(license));
    }

    private static void ValidatePhysicalCores(PhysicalCoreLicense license)
    {
        if (license.PhysicalCores < MinimumPhysicalCores || license.PhysicalCores % 2 != 0)
        {
            throw new ArgumentException(
                $"License '{license.Name}' has {license.PhysicalCores} physical cores, which is invalid. " +
                $"Set an even number of at least {MinimumPhysicalCores}.",
                nameof(license));
        }
    }

    private static void ValidateScopeType(PhysicalCoreLicense license)
    {
        if (!ScopeTypes.Contains(license.ScopeType, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"License '{license.Name}' has scope type '{license.ScopeType}', which is invalid. Set Tenant, Subscription or ResourceGroup.",
                nameof(license));
        }
    }
}
