namespace ArcActors.Contracts.Billing;

/// <summary>
/// One billed meter of one OS environment (or one physical core license) in one UTC hour.
/// Meter names are those of the Azure Arc SQL Server price list, for example "Std edition - PAYG".
/// </summary>
public sealed record BillingLine(string Meter, int Cores, string Edition, string LicenseType, string Instance);
