namespace ArcActors.Billing;

/// <summary>Host license types of the extension setting <c>LicenseType</c>.</summary>
public static class LicenseTypes
{
    public const string Payg = "PAYG";
    public const string Paid = "Paid";
    public const string LicenseOnly = "LicenseOnly";

    /// <summary>Returns the canonical spelling of a host license type, matched without regard to case.</summary>
    /// <exception cref="ArgumentException">The value is not PAYG, Paid or LicenseOnly.</exception>
    public static string Normalize(string licenseType)
    {
        foreach (var known in new[] { Payg, Paid, LicenseOnly })
        {
            if (string.Equals(known, licenseType?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw new ArgumentException(
            $"License type '{licenseType}' is invalid. Set the extension setting LicenseType to PAYG, Paid or LicenseOnly.",
            nameof(licenseType));
    }

    /// <summary>Returns true for PAYG and Paid, the license types that unlock ESU, the free passive replica and core license coverage.</summary>
    public static bool IsPaygOrPaid(string licenseType) => licenseType is Payg or Paid;
}
