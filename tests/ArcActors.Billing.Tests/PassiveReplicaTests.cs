using ArcActors.Contracts.Usage;

namespace ArcActors.Billing.Tests;

public sealed class PassiveReplicaTests
{
    [Fact]
    public void PassiveReplica_NonReadableSecondaryIsPassive()
    {
        var record = Usage.Vm(8, "PAYG", Usage.Secondary("MSSQLSERVER", "Enterprise"));

        Assert.True(PassiveReplica.IsPassive(record));
        Assert.Equal("Ent edition - DR replica", Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None)).Meter);
    }

    [Fact]
    public void PassiveReplica_ReadableSecondaryWithoutConnectionsIsPassive()
    {
        var record = Usage.Vm(8, "Paid", Usage.Secondary("MSSQLSERVER", "Standard", isReadable: true));

        Assert.True(PassiveReplica.IsPassive(record));
    }

    [Fact]
    public void PassiveReplica_ReadableSecondaryWithConnectionsIsActive()
    {
        var record = Usage.Vm(8, "PAYG", Usage.Secondary("MSSQLSERVER", "Enterprise", isReadable: true, userConnections: 3));

        Assert.False(PassiveReplica.IsPassive(record));
        Assert.Equal("Ent edition - PAYG", Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None)).Meter);
    }

    [Fact]
    public void PassiveReplica_ConnectionsMakeActive()
    {
        var record = Usage.Vm(8, "PAYG", Usage.Secondary("MSSQLSERVER", "Enterprise", isReadable: false, userConnections: 1));

        Assert.False(PassiveReplica.IsPassive(record));
    }

    [Fact]
    public void PassiveReplica_DatabaseOutsideAvailabilityGroupIsActive()
    {
        var instance = Usage.Secondary("MSSQLSERVER", "Enterprise") with { HasDatabaseOutsideAvailabilityGroup = true };
        var record = Usage.Vm(8, "PAYG", instance);

        Assert.False(PassiveReplica.IsPassive(record));
        Assert.Equal("Ent edition - PAYG", Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None)).Meter);
    }

    [Fact]
    public void PassiveReplica_SingleExpressInstanceAside()
    {
        var record = Usage.Vm(8, "Paid", Usage.Secondary("MSSQLSERVER", "Enterprise"), Usage.Active("SQLEXPRESS", "Express"));

        var line = Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None));

        Assert.Equal("Ent edition - DR replica", line.Meter);
        Assert.Equal("MSSQLSERVER", line.Instance);
    }

    [Fact]
    public void PassiveReplica_TwoExpressInstancesActive()
    {
        var record = Usage.Vm(8, "Paid",
            Usage.Secondary("MSSQLSERVER", "Enterprise"), Usage.Active("SQLEXPRESS", "Express"), Usage.Active("TOOLS", "Express"));

        Assert.False(PassiveReplica.IsPassive(record));
    }

    [Fact]
    public void PassiveReplica_StandardInstanceWithDatabasesIsActive()
    {
        var record = Usage.Vm(8, "Paid", Usage.Secondary("MSSQLSERVER", "Enterprise"), Usage.Active("REPORTS", "Standard"));

        Assert.False(PassiveReplica.IsPassive(record));
    }

    [Fact]
    public void PassiveReplica_PrimaryIsActive()
    {
        var instance = Usage.Secondary("MSSQLSERVER", "Enterprise") with
        {
            Replicas = [new ReplicaUsage("ag-orders", IsPrimary: true, IsReadable: true)],
        };
        var record = Usage.Vm(8, "PAYG", instance);

        Assert.False(PassiveReplica.IsPassive(record));
    }

    [Fact]
    public void PassiveReplica_OnePrimaryAmongSecondariesIsActive()
    {
        var instance = Usage.Secondary("MSSQLSERVER", "Enterprise") with
        {
            Replicas =
            [
                new ReplicaUsage("ag-orders", IsPrimary: false, IsReadable: false),
                new ReplicaUsage("ag-billing", IsPrimary: true, IsReadable: false),
            ],
        };
        var record = Usage.Vm(8, "PAYG", instance);

        Assert.False(PassiveReplica.IsPassive(record));
    }

    [Fact]
    public void PassiveReplica_NoReplicaIsActive()
    {
        var instance = new InstanceUsage { InstanceName = "MSSQLSERVER", Edition = "Enterprise" };
        var record = Usage.Vm(8, "PAYG", instance);

        Assert.False(PassiveReplica.IsPassive(record));
    }

    [Fact]
    public void PassiveReplica_LinuxNeverPassive()
    {
        var record = Usage.Vm(8, "PAYG", Usage.Secondary("MSSQLSERVER", "Enterprise")) with { Os = "Linux" };

        Assert.False(PassiveReplica.IsPassive(record));
        Assert.Equal("Ent edition - PAYG", Assert.Single(BillingRules.BillHour(record, LicenseCoverage.None)).Meter);
    }

    [Fact]
    public void PassiveReplica_LicenseOnlyNeverPassive()
    {
        var record = Usage.Vm(8, "LicenseOnly", Usage.Secondary("MSSQLSERVER", "Standard"));

        Assert.False(PassiveReplica.IsPassive(record));
    }
}
