namespace ArcActors.Billing.Tests;

/// <summary>The billing table expected for 24 simulated hours of the field-scenarios fleet.</summary>
public sealed class FieldScenarioTests
{
    public static TheoryData<string, int, int, string, int, string> ExpectedBilling() => new()
    {
        { "sql-prod-01", 0, 23, "Std edition - PAYG", 8, "APP" },
        { "db-east-02", 0, 23, "Ent edition - AHB", 16, "MSSQLSERVER" },
        { "sql-small-03", 0, 23, "Std edition - PAYG", 4, "MSSQLSERVER" },
        { "dev-ws-04", 0, 23, "Express edition", 4, "SQLEXPRESS" },
        { "dev-build-05", 0, 23, "Dev edition", 8, "MSSQLSERVER" },
        { "sql-std-06", 0, 10, "Std edition - PAYG", 4, "SALES" },
        { "sql-std-06", 11, 23, "Dev edition", 4, "SALES" },
        { "sql-big-07", 0, 23, "Std edition - PAYG", 24, "MSSQLSERVER" },
        { "lnx-sql-08", 0, 23, "Ent edition - PAYG", 8, "MSSQLSERVER" },
    };

    [Theory]
    [MemberData(nameof(ExpectedBilling))]
    public void FieldScenario_BillingRow(string host, int firstHour, int lastHour, string meter, int cores, string instance)
    {
        for (var hour = firstHour; hour <= lastHour; hour++)
        {
            var record = UsageMerge.Merge(FieldScenarioFleet.SamplesFor(host, hour));

            var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

            Assert.Equal(meter, line.Meter);
            Assert.Equal(cores, line.Cores);
            Assert.Equal(instance, line.Instance);
        }
    }

    [Fact]
    public void FieldScenario_OneRecordPerHostAndHour()
    {
        var lineCount = FieldScenarioFleet.HostNames
            .SelectMany(host => Enumerable.Range(0, 24).Select(hour => UsageMerge.Merge(FieldScenarioFleet.SamplesFor(host, hour))))
            .Sum(record => BillingRules.BillHour(record, LicenseCoverage.None).Count);

        Assert.Equal(192, lineCount);
    }
}
