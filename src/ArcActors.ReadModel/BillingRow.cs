namespace ArcActors.ReadModel;

/// <summary>One billed meter of one OS environment in one UTC hour, as <c>billing.jsonl</c> lists it.</summary>
public sealed record BillingRow(
    DateTimeOffset HourStart,
    string Machine,
    Guid VmId,
    string Meter,
    int Cores,
    string Edition,
    string LicenseType,
    string Instance);
