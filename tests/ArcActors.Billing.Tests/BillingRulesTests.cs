using ArcActors.Contracts.Usage;

namespace ArcActors.Billing.Tests;

public sealed class BillingRulesTests
{
    [Fact]
    public void BillingRules_SeveralInstancesBillOnce()
    {
        var record = Usage.Vm(8, "PAYG",
            Usage.Active("SALES", "Standard"), Usage.Active("HR", "Standard"), Usage.Active("APP", "Standard"));

        var lines = BillingRules.BillHour(record, LicenseCoverage.None);

        var line = Assert.Single(lines);
        Assert.Equal(8, line.Cores);
    }

    [Fact]
    public void BillingRules_TieGoesToFirstNameAlphabetically()
    {
        var record = Usage.Vm(8, "PAYG",
            Usage.Active("SALES", "Standard"), Usage.Active("hr", "Standard"), Usage.Active("Inventory", "Standard"));

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal("hr", line.Instance);
    }

    [Fact]
    public void BillingRules_HighestEditionPicksMeter()
    {
        var record = Usage.Vm(8, "Paid",
            Usage.Active("ALPHA", "Standard"), Usage.Active("BETA", "Web"), Usage.Active("ZULU", "Enterprise"));

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal("Ent edition - AHB", line.Meter);
        Assert.Equal("Enterprise", line.Edition);
        Assert.Equal("ZULU", line.Instance);
    }

    [Fact]
    public void BillingRules_WebOutranksExpress()
    {
        var record = Usage.Vm(4, "PAYG", Usage.Active("A", "Express"), Usage.Active("B", "Web"));

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal("Web edition", line.Meter);
        Assert.Equal("B", line.Instance);
    }

    [Fact]
    public void BillingRules_FreeEditionTie()
    {
        var record = Usage.Vm(4, "PAYG", Usage.Active("SQLEXPRESS", "Express"), Usage.Active("DEVBOX", "Developer"));

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal("Dev edition", line.Meter);
        Assert.Equal("DEVBOX", line.Instance);
    }

    [Fact]
    public void BillingRules_PhysicalServerBillsPhysicalCores()
    {
        var record = Usage.Physical(physicalCores: 16, logicalProcessors: 32, "Paid", Usage.Active("MSSQLSERVER", "Enterprise"));

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal(16, line.Cores);
    }

    [Fact]
    public void BillingRules_VirtualMachineBillsLogicalProcessors()
    {
        var record = Usage.Vm(12, "Paid", Usage.Active("MSSQLSERVER", "Enterprise")) with { PhysicalCores = 6 };

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal(12, line.Cores);
    }

    [Fact]
    public void BillingRules_MissingPhysicalCoresFallback()
    {
        var record = Usage.Physical(physicalCores: 0, logicalProcessors: 12, "Paid", Usage.Active("MSSQLSERVER", "Enterprise"));

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal(12, line.Cores);
    }

    [Theory]
    [InlineData("Standard", 2)]
    [InlineData("Enterprise", 1)]
    [InlineData("Express", 2)]
    [InlineData("Developer", 3)]
    public void BillingRules_FourCoreMinimum(string edition, int logicalProcessors)
    {
        var record = Usage.Vm(logicalProcessors, "PAYG", Usage.Active("MSSQLSERVER", edition));

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal(4, line.Cores);
    }

    [Fact]
    public void BillingRules_StandardCappedAt24Cores()
    {
        var record = Usage.Vm(64, "PAYG", Usage.Active("MSSQLSERVER", "Standard"));

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal(24, line.Cores);
    }

    [Fact]
    public void BillingRules_EnterpriseNotCapped()
    {
        var record = Usage.Vm(64, "PAYG", Usage.Active("MSSQLSERVER", "Enterprise"));

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal(64, line.Cores);
    }

    [Fact]
    public void BillingRules_EmptyRecordBillsNothing()
    {
        // Stopped instances and stopped VMs are left out of the record by the host, so the record is empty.
        var record = Usage.Vm(8, "PAYG");

        var lines = BillingRules.BillHour(record, LicenseCoverage.InActivatedLicenseScope);

        Assert.Empty(lines);
    }

    [Fact]
    public void BillingRules_PhysicalServerNeverCovered()
    {
        var record = Usage.Physical(16, 32, "Paid", Usage.Active("MSSQLSERVER", "Enterprise")) with { UsePhysicalCoreLicense = true };

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.InActivatedLicenseScope));

        Assert.Equal("Ent edition - AHB", line.Meter);
    }

    [Fact]
    public void BillingRules_CoverageNeedsUsePhysicalCoreLicense()
    {
        var record = Usage.Vm(8, "PAYG", Usage.Active("MSSQLSERVER", "Enterprise")) with { UsePhysicalCoreLicense = false };

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.InActivatedLicenseScope));

        Assert.Equal("Ent edition - PAYG", line.Meter);
    }

    [Fact]
    public void BillingRules_OutOfScopeNotCovered()
    {
        var record = Usage.Vm(8, "PAYG", Usage.Active("MSSQLSERVER", "Enterprise")) with { UsePhysicalCoreLicense = true };

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal("Ent edition - PAYG", line.Meter);
    }

    [Fact]
    public void BillingRules_LicenseTypeMatchedIgnoringCase()
    {
        var record = Usage.Vm(8, "payg", Usage.Active("MSSQLSERVER", "standard"));

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal("Std edition - PAYG", line.Meter);
        Assert.Equal("PAYG", line.LicenseType);
        Assert.Equal("Standard", line.Edition);
    }

    [Fact]
    public void BillingRules_UnbillableEditionRejected()
    {
        var record = Usage.Vm(8, "PAYG", Usage.Active("BI", "Business Intelligence"));

        var error = Assert.Throws<ArgumentException>(() => BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Contains("'Business Intelligence'", error.Message);
        Assert.Contains("'BI'", error.Message);
    }

    [Fact]
    public void BillingRules_InvalidLicenseTypeRejected()
    {
        var record = Usage.Vm(8, "ServerCAL", Usage.Active("MSSQLSERVER", "Standard"));

        var error = Assert.Throws<ArgumentException>(() => BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Contains("'ServerCAL'", error.Message);
    }
}
