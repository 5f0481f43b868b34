using ArcActors.Contracts.Usage;
using ArcActors.Host.Usage;
using Xunit;

namespace ArcActors.Tests.Host;

public sealed class UsageOutboxTests : IDisposable
{
    private static readonly Guid VmId = Guid.Parse("5b9cd293-869d-4362-838a-25d08ee7ba1e");
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = TestConfig.TempFolder("outbox");

    private string OutboxPath => Path.Combine(_folder, "outbox.db");

    [Fact]
    public void UsageOutbox_KeepsUnacknowledgedRecordsAcrossRestart()
    {
        using (var outbox = new SqliteUsageOutbox(OutboxPath))
        {
            for (var hour = 0; hour < 24 * 31; hour++)
            {
                outbox.Record(Record(Start.AddHours(hour), "Standard"));
            }
        }

        using var reopened = new SqliteUsageOutbox(OutboxPath);
        var pending = reopened.Pending(VmId, Start.AddDays(40), 1000);

        Assert.Equal(24 * 31, pending.Count);
        Assert.Equal(Start, pending[0].HourStart);
    }

    [Fact]
    public void UsageOutbox_MergeKeepsHighestEditionAndReopensHour()
    {
        using var outbox = new SqliteUsageOutbox(OutboxPath);
        outbox.Record(Record(Start, "Standard"));
        outbox.MarkAcknowledged(outbox.Pending(VmId, Start.AddHours(1), 10));

        outbox.Record(Record(Start, "Developer"));
        Assert.Empty(outbox.Pending(VmId, Start.AddHours(1), 10));

        outbox.Record(Record(Start, "Enterprise"));
        var reopened = Assert.Single(outbox.Pending(VmId, Start.AddHours(1), 10));
        Assert.Equal("Enterprise", Assert.Single(reopened.Instances).Edition);
    }

    [Fact]
    public void UsageOutbox_PrunesOldAcknowledgedRecords()
    {
        using var outbox = new SqliteUsageOutbox(OutboxPath);
        for (var hour = 0; hour < 24 * 5; hour++)
        {
            outbox.Record(Record(Start.AddHours(hour), "Standard"));
        }

        outbox.MarkAcknowledged(outbox.Pending(VmId, Start.AddDays(5), 1000));
        outbox.Record(Record(Start, "Enterprise"));

        // The record of the first hour was pruned, so the late sample starts a new, pending record.
        var pending = Assert.Single(outbox.Pending(VmId, Start.AddDays(5), 1000));
        Assert.Equal(Start, pending.HourStart);
    }

    private static UsageRecord Record(DateTimeOffset hourStart, string edition) => new()
    {
        VmId = VmId,
        HostName = "lnx-sql-08",
        HourStart = hourStart,
        LogicalProcessors = 8,
        PhysicalCores = 8,
        LicenseType = "PAYG",
        Instances = [new InstanceUsage { InstanceName = "MSSQLSERVER", Edition = edition }],
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
