using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Usage;

namespace ArcActors.Billing.Tests;

/// <summary>
/// Usage samples of the eight hosts of the field-scenarios fleet, written out by hand from the facts
/// of its fleet file. The virtual clock starts at 2026-11-30T00:00Z.
/// </summary>
internal static class FieldScenarioFleet
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    public static readonly string[] HostNames =
        ["sql-prod-01", "db-east-02", "sql-small-03", "dev-ws-04", "dev-build-05", "sql-std-06", "sql-big-07", "lnx-sql-08"];

    private const string DefaultManufacturer = "Microsoft Corporation";
    private const string DefaultModel = "Virtual Machine";

    /// <summary>Returns the usage samples one host reports in one hour, in the order they were taken.</summary>
    public static IReadOnlyList<UsageRecord> SamplesFor(string host, int hour)
    {
        var hourStart = Start.AddHours(hour);
        return host switch
        {
            "sql-prod-01" =>
            [
                Host("c1653f96-ee2d-4c94-98bc-b5ec924825d6", host, hourStart, "VMware, Inc.", "VMware7,1", 8, 8, "PAYG",
                    Instance("SALES", "Standard", "16.0.4135.4"),
                    Instance("HR", "Standard", "15.0.4375.4"),
                    Instance("APP", "Standard", "16.0.4135.4")),
            ],
            "db-east-02" =>
            [
                Host("54ef1f4d-e601-48e6-a90a-443aab91a782", host, hourStart, "Dell Inc.", "PowerEdge R650", 32, 16, "Paid",
                    Instance("MSSQLSERVER", "Enterprise", "16.0.4135.4")),
            ],
            "sql-small-03" =>
            [
                Host("4cbac0bc-0102-4d09-97c0-7d5bdcbb5256", host, hourStart, "QEMU", "Standard PC (Q35 + ICH9, 2009)", 2, 2, "PAYG",
                    Instance("MSSQLSERVER", "Standard", "15.0.4375.4")),
            ],
            // The LocalDB instance MSSQLLocalDB has no service, so the host leaves it out of usage.
            "dev-ws-04" =>
            [
                Host("b63762ad-9aa4-43c0-849a-d9f02427f2c7", host, hourStart, DefaultManufacturer, DefaultModel, 4, 4, "LicenseOnly",
                    Instance("SQLEXPRESS", "Express", "16.0.1000.6")),
            ],
            "dev-build-05" =>
            [
                Host("3828a2e3-8443-4639-8f7d-075b2639b1b0", host, hourStart, DefaultManufacturer, DefaultModel, 8, 8, "Paid",
                    Instance("MSSQLSERVER", "Developer", "16.0.4135.4")),
            ],
            "sql-std-06" => SqlStd06Samples(hourStart, hour),
            "sql-big-07" =>
            [
                Host("a927ec14-9441-410c-babe-18a18ed333e8", host, hourStart, "Microsoft Corporation", "Virtual Machine", 64, 64, "PAYG",
                    Instance("MSSQLSERVER", "Standard", "16.0.4135.4")),
            ],
            "lnx-sql-08" =>
            [
                Host("5b9cd293-869d-4362-838a-25d08ee7ba1e", host, hourStart, "QEMU", "KVM", 8, 8, "PAYG",
                    Instance("MSSQLSERVER", "Enterprise", "16.0.4135.4")) with { Os = "Linux" },
            ],
            _ => throw new ArgumentException($"Host '{host}' is not in the field-scenarios fleet.", nameof(host)),
        };
    }

    // SALES is downgraded from Standard to Developer at 10h20m, so hour 10 has a sample of each edition.
    private static IReadOnlyList<UsageRecord> SqlStd06Samples(DateTimeOffset hourStart, int hour)
    {
        UsageRecord Sample(string edition) =>
            Host("e9fdc395-c40e-4674-a82e-1f94a5533167", "sql-std-06", hourStart, DefaultManufacturer, DefaultModel, 4, 4, "PAYG",
                Instance("SALES", edition, "16.0.4135.4"));

        return hour switch
        {
            < 10 => [Sample("Standard")],
            10 => [Sample("Standard"), Sample("Developer")],
            _ => [Sample("Developer")],
        };
    }

    private static UsageRecord Host(
        string vmId, string name, DateTimeOffset hourStart, string manufacturer, string model,
        int logicalProcessors, int physicalCores, string licenseType, params InstanceUsage[] instances) => new()
    {
        VmId = Guid.Parse(vmId),
        HostName = name,
        HourStart = hourStart,
        IsVirtualMachine = HypervisorDetection.IsVirtualMachine(manufacturer, model),
        LogicalProcessors = logicalProcessors,
        PhysicalCores = physicalCores,
        LicenseType = licenseType,
        Instances = instances,
    };

    // Every instance of the fleet has user databases and no availability group.
    private static InstanceUsage Instance(string name, string edition, string version) => new()
    {
        InstanceName = name,
        Edition = edition,
        CurrentVersion = version,
        HasDatabaseOutsideAvailabilityGroup = true,
    };
}
