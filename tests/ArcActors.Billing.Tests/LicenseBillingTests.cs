using ArcActors.Contracts.Billing;

namespace ArcActors.Billing.Tests;

public sealed class LicenseBillingTests
{
    private static readonly DateTimeOffset Hour = Usage.Hour;

    private static PhysicalCoreLicense License(string billingPlan = "PAYG", string activationState = "Activated") =>
        new("contoso-pcore", billingPlan, 32, "Subscription", activationState);

    [Fact]
    public void LicenseBilling_PaygBillsHostPayg()
    {
        var line = Assert.Single(LicenseBilling.BillHour(License("PAYG"), Hour));

        Assert.Equal(new BillingLine("Ent edition - Host - PAYG", 32, "Enterprise", "PAYG", ""), line);
    }

    [Fact]
    public void LicenseBilling_PaidBillsAhb()
    {
        var line = Assert.Single(LicenseBilling.BillHour(License("Paid"), Hour));

        Assert.Equal(new BillingLine("Ent edition - AHB", 32, "Enterprise", "Paid", ""), line);
    }

    [Fact]
    public void LicenseBilling_DeactivatedBillsNothing()
    {
        Assert.Empty(LicenseBilling.BillHour(License(activationState: "Deactivated"), Hour));
    }

    [Fact]
    public void LicenseBilling_DeactivatedDuringHourBillsHour()
    {
        var license = License(activationState: "Deactivated") with
        {
            LastActivatedAt = Hour.AddDays(-3),
            LastDeactivatedAt = Hour.AddMinutes(40),
        };

        Assert.Single(LicenseBilling.BillHour(license, Hour));
        Assert.Empty(LicenseBilling.BillHour(license, Hour.AddHours(1)));
    }

    [Fact]
    public void LicenseBilling_ActivatedDuringHourBillsHour()
    {
        var license = License() with { LastActivatedAt = Hour.AddMinutes(59) };

        Assert.Single(LicenseBilling.BillHour(license, Hour));
        Assert.Empty(LicenseBilling.BillHour(license, Hour.AddHours(-1)));
    }

    [Fact]
    public void LicenseBilling_InvalidBillingPlanRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => LicenseBilling.BillHour(License("LicenseOnly"), Hour));

        Assert.Contains("'LicenseOnly'", error.Message);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(17)]
    public void LicenseBilling_InvalidPhysicalCoresRejected(int physicalCores)
    {
        var license = License() with { PhysicalCores = physicalCores };

        var error = Assert.Throws<ArgumentException>(() => LicenseBilling.BillHour(license, Hour));

        Assert.Contains($"{physicalCores} physical cores", error.Message);
    }

    [Fact]
    public void LicenseBilling_InvalidActivationStateRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => LicenseBilling.BillHour(License(activationState: "Pending"), Hour));

        Assert.Contains("'Pending'", error.Message);
    }

    [Fact]
    public void LicenseBilling_InvalidScopeTypeRejected()
    {
        var license = License() with { ScopeType = "ManagementGroup" };

        var error = Assert.Throws<ArgumentException>(() => LicenseBilling.BillHour(license, Hour));

        Assert.Contains("'ManagementGroup'", error.Message);
    }

    [Theory]
    [InlineData(30, 0)]
    [InlineData(0, 2)]
    public void LicenseBilling_HourStartNotOnUtcHourRejected(int minutes, int offsetHours)
    {
        var hourStart = new DateTimeOffset(2026, 11, 30, 10, minutes, 0, TimeSpan.FromHours(offsetHours));

        Assert.Throws<ArgumentException>(() => LicenseBilling.BillHour(License(), hourStart));
    }
}
