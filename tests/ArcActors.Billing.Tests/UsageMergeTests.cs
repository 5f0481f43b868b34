using ArcActors.Contracts.Usage;

namespace ArcActors.Billing.Tests;

public sealed class UsageMergeTests
{
    [Fact]
    public void UsageMerge_KeepsHighestEdition()
    {
        var standard = Usage.Vm(4, "PAYG", Usage.Active("SALES", "Standard"));
        var developer = Usage.Vm(4, "PAYG", Usage.Active("SALES", "Developer"));

        var downgraded = UsageMerge.Merge(standard, developer);
        var upgraded = UsageMerge.Merge(developer, standard);

        Assert.Equal("Standard", Assert.Single(downgraded.Instances).Edition);
        Assert.Equal("Standard", Assert.Single(upgraded.Instances).Edition);
        Assert.Equal("Std edition - PAYG", Assert.Single(BillingRules.BillHour(downgraded, LicenseCoverage.None)).Meter);
    }

    [Fact]
    public void UsageMerge_IsIdempotent()
    {
        var record = Usage.Vm(8, "PAYG",
            Usage.Active("SALES", "Standard"), Usage.Secondary("HR", "Enterprise", isReadable: true), Usage.Active("APP", "Web"));

        var merged = UsageMerge.Merge(record, record);

        Assert.True(UsageRecordComparer.Instance.Equals(record, merged));
    }

    [Fact]
    public void UsageMerge_InstanceSetIsCommutative()
    {
        var first = Usage.Vm(8, "PAYG", Usage.Active("SALES", "Standard"), Usage.Active("HR", "Standard"));
        var second = Usage.Vm(8, "PAYG", Usage.Active("APP", "Enterprise"), Usage.Active("hr", "Standard"));

        var forward = UsageMerge.Merge(first, second).Instances.Select(instance => instance.InstanceName.ToUpperInvariant());
        var backward = UsageMerge.Merge(second, first).Instances.Select(instance => instance.InstanceName.ToUpperInvariant());

        Assert.Equal(["APP", "HR", "SALES"], forward);
        Assert.Equal(["APP", "HR", "SALES"], backward);
    }

    [Fact]
    public void UsageMerge_InstanceStoppedMidHourStillBills()
    {
        var running = Usage.Vm(8, "PAYG", Usage.Active("SALES", "Standard"), Usage.Active("BIG", "Enterprise"));
        var afterStop = Usage.Vm(8, "PAYG", Usage.Active("SALES", "Standard"));

        var merged = UsageMerge.Merge(running, afterStop);

        Assert.Equal("Ent edition - PAYG", Assert.Single(BillingRules.BillHour(merged, LicenseCoverage.None)).Meter);
    }

    [Fact]
    public void UsageMerge_TakesMaxCoresAndConnections()
    {
        var earlier = Usage.Vm(16, "PAYG", Usage.Active("SALES", "Standard") with { UserConnections = 9 }) with { PhysicalCores = 8 };
        var later = Usage.Vm(8, "PAYG", Usage.Active("SALES", "Standard") with { UserConnections = 2 }) with { PhysicalCores = 4 };

        var merged = UsageMerge.Merge(earlier, later);

        Assert.Equal(16, merged.LogicalProcessors);
        Assert.Equal(8, merged.PhysicalCores);
        Assert.Equal(9, Assert.Single(merged.Instances).UserConnections);
    }

    [Fact]
    public void UsageMerge_LaterMachineFactsWin()
    {
        var earlier = Usage.Vm(8, "PAYG", Usage.Active("SALES", "Standard")) with { HostName = "old-name" };
        var later = Usage.Vm(8, "Paid", Usage.Active("SALES", "Standard")) with { HostName = "new-name", EnableExtendedSecurityUpdates = true };

        var merged = UsageMerge.Merge(earlier, later);

        Assert.Equal("Paid", merged.LicenseType);
        Assert.Equal("new-name", merged.HostName);
        Assert.True(merged.EnableExtendedSecurityUpdates);
    }

    [Fact]
    public void UsageMerge_FailoverTakesLaterReplicaRole()
    {
        var asPrimary = Usage.Vm(8, "PAYG", Usage.Secondary("MSSQLSERVER", "Enterprise") with
        {
            Replicas = [new ReplicaUsage("ag-orders", IsPrimary: true, IsReadable: false)],
        });
        var asSecondary = Usage.Vm(8, "PAYG", Usage.Secondary("MSSQLSERVER", "Enterprise"));

        var merged = UsageMerge.Merge(asPrimary, asSecondary);

        Assert.False(Assert.Single(Assert.Single(merged.Instances).Replicas).IsPrimary);
        Assert.Equal("Ent edition - DR replica", Assert.Single(BillingRules.BillHour(merged, LicenseCoverage.None)).Meter);
    }

    [Fact]
    public void UsageMerge_KeepsOutsideDatabaseFlag()
    {
        var withDatabase = Usage.Vm(8, "PAYG", Usage.Secondary("MSSQLSERVER", "Enterprise") with { HasDatabaseOutsideAvailabilityGroup = true });
        var withoutDatabase = Usage.Vm(8, "PAYG", Usage.Secondary("MSSQLSERVER", "Enterprise"));

        var merged = UsageMerge.Merge(withDatabase, withoutDatabase);

        Assert.True(Assert.Single(merged.Instances).HasDatabaseOutsideAvailabilityGroup);
    }

    [Fact]
    public void UsageMerge_DifferentHourRejected()
    {
        var first = Usage.Vm(8, "PAYG", Usage.Active("SALES", "Standard"));
        var second = first with { HourStart = first.HourStart.AddHours(1) };

        Assert.Throws<ArgumentException>(() => UsageMerge.Merge(first, second));
    }

    [Fact]
    public void UsageMerge_DifferentVmRejected()
    {
        var first = Usage.Vm(8, "PAYG", Usage.Active("SALES", "Standard"));
        var second = first with { VmId = Guid.NewGuid() };

        Assert.Throws<ArgumentException>(() => UsageMerge.Merge(first, second));
    }

    [Fact]
    public void UsageMerge_SequenceOfSamplesMerges()
    {
        var samples = new[]
        {
            Usage.Vm(4, "PAYG", Usage.Active("SALES", "Developer")),
            Usage.Vm(4, "PAYG", Usage.Active("SALES", "Standard")),
            Usage.Vm(4, "PAYG", Usage.Active("SALES", "Developer"), Usage.Active("HR", "Express")),
        };

        var merged = UsageMerge.Merge(samples);

        Assert.Equal(2, merged.Instances.Count);
        Assert.Equal("Standard", merged.Instances.Single(instance => instance.InstanceName == "SALES").Edition);
    }

    [Fact]
    public void UsageMerge_NoSamplesRejected()
    {
        Assert.Throws<ArgumentException>(() => UsageMerge.Merge(Array.Empty<UsageRecord>()));
    }

    [Fact]
    public void UsageRecordComparer_IgnoresInstanceOrder()
    {
        var record = Usage.Vm(8, "PAYG", Usage.Active("SALES", "Standard"), Usage.Active("HR", "Standard"));
        var reordered = record with { Instances = record.Instances.Reverse().ToList() };

        Assert.True(UsageRecordComparer.Instance.Equals(record, reordered));
        Assert.Equal(UsageRecordComparer.Instance.GetHashCode(record), UsageRecordComparer.Instance.GetHashCode(reordered));
    }

    [Fact]
    public void UsageRecordComparer_DetectsDifferentEdition()
    {
        var record = Usage.Vm(8, "PAYG", Usage.Active("SALES", "Standard"));
        var changed = Usage.Vm(8, "PAYG", Usage.Active("SALES", "Developer"));

        Assert.False(UsageRecordComparer.Instance.Equals(record, changed));
    }

    [Fact]
    public void UsageRecordComparer_DetectsDifferentReplicaRole()
    {
        var record = Usage.Vm(8, "PAYG", Usage.Secondary("SALES", "Standard"));
        var changed = Usage.Vm(8, "PAYG", Usage.Secondary("SALES", "Standard", isReadable: true));

        Assert.False(UsageRecordComparer.Instance.Equals(record, changed));
    }
}
