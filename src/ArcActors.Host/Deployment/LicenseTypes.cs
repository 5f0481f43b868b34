namespace ArcActors.Host.Deployment;

/// <summary>The host license types the extension setting <c>LicenseType</c> accepts, spelled as Azure Arc spells them.</summary>
public static class LicenseTypes
{
    public const string Payg = "PAYG";
    public const string Paid = "Paid";
    public const string LicenseOnly = "LicenseOnly";

    public static readonly IReadOnlyList<string> All = [Payg, Paid, LicenseOnly];

    /// <summary>Returns true for PAYG and Paid, the license types that unlock ESU, physical core licenses and the paid features.</summary>
    public static bool IsPaidOrPayg(string licenseType) => licenseType is Payg or Paid;
}
