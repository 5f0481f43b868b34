namespace ArcActors.Billing;

/// <summary>
/// Whether an OS environment lies in the scope (tenant, subscription or resource group) of an activated
/// physical core license. Being in scope is not enough to be covered: the OSE must also be a virtual
/// machine with <c>UsePhysicalCoreLicense</c> set and license type PAYG or Paid.
/// </summary>
public sealed record LicenseCoverage(bool IsInActivatedLicenseScope)
{
    public static LicenseCoverage None { get; } = new(false);

    public static LicenseCoverage InActivatedLicenseScope { get; } = new(true);
}
