using ArcActors.Contracts.Usage;

namespace ArcActors.Billing.Tests;

/// <summary>
/// Every row of the meter table of SQL Server enabled by Azure Arc: highest edition, host license type,
/// failover replica, coverage by a physical core license, and the meter billed. A row whose column
/// reads "any" or "n/a" expands into each value of that column.
/// </summary>
public sealed class MeterTableTests
{
    public static TheoryData<string, string, bool, bool, string> Rows()
    {
        var rows = new TheoryData<string, string, bool, bool, string>
        {
            { "Enterprise", "PAYG", false, false, "Ent edition - PAYG" },
            { "Enterprise", "PAYG", false, true, "Ent edition - Virtual license" },
            { "Enterprise", "Paid", false, true, "Ent edition - Virtual license" },
            { "Enterprise", "Paid", false, false, "Ent edition - AHB" },
            { "Enterprise", "LicenseOnly", false, false, "Ent edition - License only" },
            { "Enterprise", "LicenseOnly", false, true, "Ent edition - License only" },
            { "Enterprise", "LicenseOnly", true, false, "Ent edition - License only" },
            { "Enterprise", "LicenseOnly", true, true, "Ent edition - License only" },
            { "Enterprise", "PAYG", true, false, "Ent edition - DR replica" },
            { "Enterprise", "PAYG", true, true, "Ent edition - DR replica" },
            { "Enterprise", "Paid", true, false, "Ent edition - DR replica" },
            { "Enterprise", "Paid", true, true, "Ent edition - DR replica" },

            { "Standard", "PAYG", false, false, "Std edition - PAYG" },
            { "Standard", "PAYG", false, true, "Std edition - Virtual license" },
            { "Standard", "Paid", false, true, "Std edition - Virtual license" },
            { "Standard", "Paid", false, false, "Std edition - AHB" },
            { "Standard", "LicenseOnly", false, false, "Std edition - License only" },
            { "Standard", "LicenseOnly", false, true, "Std edition - License only" },
            { "Standard", "PAYG", true, false, "Std edition - DR replica" },
            { "Standard", "PAYG", true, true, "Std edition - DR replica" },
            { "Standard", "Paid", true, false, "Std edition - DR replica" },
            { "Standard", "Paid", true, true, "Std edition - DR replica" },
        };

        var freeMeters = new Dictionary<string, string>
        {
            ["Evaluation"] = "Eval edition",
            ["Developer"] = "Dev edition",
            ["Web"] = "Web edition",
            ["Express"] = "Express edition",
        };
        foreach (var (edition, meter) in freeMeters)
        {
            foreach (var licenseType in new[] { "PAYG", "Paid", "LicenseOnly" })
            {
                foreach (var isReplica in new[] { false, true })
                {
                    foreach (var isCovered in new[] { false, true })
                    {
                        rows.Add(edition, licenseType, isReplica, isCovered, meter);
                    }
                }
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void MeterTable_Row(string edition, string licenseType, bool isReplica, bool isCovered, string expectedMeter)
    {
        var instance = isReplica ? Usage.Secondary("MSSQLSERVER", edition) : Usage.Active("MSSQLSERVER", edition);
        var record = Usage.Vm(8, licenseType, instance) with { UsePhysicalCoreLicense = isCovered };
        var coverage = isCovered ? LicenseCoverage.InActivatedLicenseScope : LicenseCoverage.None;

        var lines = BillingRules.BillHour(record, coverage);

        var line = Assert.Single(lines);
        Assert.Equal(expectedMeter, line.Meter);
        Assert.Equal(edition, line.Edition);
        Assert.Equal(licenseType, line.LicenseType);
        Assert.Equal(8, line.Cores);
        Assert.Equal("MSSQLSERVER", line.Instance);
    }

    [Fact]
    public void MeterTable_CoversEveryMeterOfAnOse()
    {
        var tableMeters = Rows().Select(row => (string)row[4]).ToHashSet();

        var oseMeters = Meters.All
            .Where(meter => !meter.Contains("ESU", StringComparison.Ordinal) && !meter.Contains("Host", StringComparison.Ordinal));

        Assert.All(oseMeters, meter => Assert.Contains(meter, tableMeters));
    }
}
