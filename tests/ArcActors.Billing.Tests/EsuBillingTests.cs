using ArcActors.Contracts.Billing;

namespace ArcActors.Billing.Tests;

public sealed class EsuBillingTests
{
    [Fact]
    public void Esu_Sql2014EnterpriseAddsLine()
    {
        var record = Usage.Vm(8, "PAYG", Usage.Active("LEGACY", "Enterprise", Usage.Sql2014)) with { EnableExtendedSecurityUpdates = true };

        var lines = BillingRules.BillHour(record, LicenseCoverage.None);

        Assert.Equal(2, lines.Count);
        Assert.Equal(new BillingLine("Ent edition - PAYG", 8, "Enterprise", "PAYG", "LEGACY"), lines[0]);
        Assert.Equal(new BillingLine("Ent edition - ESU 2014", 8, "Enterprise", "PAYG", "LEGACY"), lines[1]);
    }

    [Fact]
    public void Esu_Sql2016StandardCappedAt24Cores()
    {
        var record = Usage.Vm(40, "Paid", Usage.Active("MSSQLSERVER", "Standard", Usage.Sql2016)) with { EnableExtendedSecurityUpdates = true };

        var esu = BillingRules.BillHour(record, LicenseCoverage.None)[1];

        Assert.Equal("Std edition - ESU 2016", esu.Meter);
        Assert.Equal(24, esu.Cores);
    }

    [Fact]
    public void Esu_FourCoreMinimum()
    {
        var record = Usage.Vm(2, "Paid", Usage.Active("MSSQLSERVER", "Standard", Usage.Sql2014)) with { EnableExtendedSecurityUpdates = true };

        var esu = BillingRules.BillHour(record, LicenseCoverage.None)[1];

        Assert.Equal(4, esu.Cores);
    }

    [Fact]
    public void Esu_OneLinePerVersionByHighestEdition()
    {
        var record = Usage.Vm(8, "Paid",
            Usage.Active("A2014", "Standard", Usage.Sql2014),
            Usage.Active("B2014", "Enterprise", Usage.Sql2014),
            Usage.Active("C2016", "Standard", Usage.Sql2016),
            Usage.Active("D2016", "Standard", Usage.Sql2016),
            Usage.Active("E2022", "Enterprise", Usage.Sql2022)) with { EnableExtendedSecurityUpdates = true };

        var esu = BillingRules.BillHour(record, LicenseCoverage.None).Skip(1).ToList();

        Assert.Equal(2, esu.Count);
        Assert.Equal(new BillingLine("Ent edition - ESU 2014", 8, "Enterprise", "Paid", "B2014"), esu[0]);
        Assert.Equal(new BillingLine("Std edition - ESU 2016", 8, "Standard", "Paid", "C2016"), esu[1]);
    }

    [Fact]
    public void Esu_NewerVersionsAddNoLine()
    {
        var record = Usage.Vm(8, "PAYG", Usage.Active("MSSQLSERVER", "Enterprise", Usage.Sql2019)) with { EnableExtendedSecurityUpdates = true };

        Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));
    }

    [Fact]
    public void Esu_DisabledAddsNoLine()
    {
        var record = Usage.Vm(8, "PAYG", Usage.Active("MSSQLSERVER", "Enterprise", Usage.Sql2014)) with { EnableExtendedSecurityUpdates = false };

        Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));
    }

    [Fact]
    public void Esu_LicenseOnlyIgnored()
    {
        var record = Usage.Vm(8, "LicenseOnly", Usage.Active("MSSQLSERVER", "Enterprise", Usage.Sql2014)) with { EnableExtendedSecurityUpdates = true };

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal("Ent edition - License only", line.Meter);
    }

    [Fact]
    public void Esu_FreeEditionAddsNoLine()
    {
        var record = Usage.Vm(8, "Paid", Usage.Active("MSSQLSERVER", "Developer", Usage.Sql2016)) with { EnableExtendedSecurityUpdates = true };

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal("Dev edition", line.Meter);
    }
}
