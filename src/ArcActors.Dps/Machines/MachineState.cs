using ArcActors.Billing;
using ArcActors.Contracts;
using ArcActors.Contracts.Billing;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Usage;
using ArcActors.ReadModel;

namespace ArcActors.Dps.Machines;

/// <summary>
/// State the cloud side stores for one OS environment: its facts and the billing decided for each
/// recent hour. A usage record for an hour already billed merges with the earlier one, and an
/// event is written only when the merged outcome bills differently.
/// </summary>
public sealed class MachineState
{
    /// <summary>Hours older than this, counted back from the newest billed hour, are dropped from memory.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(40);

    private readonly SortedDictionary<DateTimeOffset, (UsageRecord Usage, IReadOnlyList<BillingLine> Lines)> _hours = new();

    // Newest hour applied so far. Pruning removes only older hours, so it is kept here instead of read with
    // Keys.Last(), which walks every kept hour (up to 960) of the sorted dictionary on each event.
    private DateTimeOffset? _newestHour;

    public MachineSnapshot? Machine { get; private set; }
    public IReadOnlyCollection<DateTimeOffset> BilledHours => _hours.Keys;

    public IReadOnlyList<BillingLine> LinesOf(DateTimeOffset hourStart) =>
        _hours.TryGetValue(hourStart, out var hour) ? hour.Lines : [];

    public MachineChanged? Decide(UploadMachine upload)
    {
        if (Machine is not null && SnapshotEquality.AreEqual(Machine, upload.Machine))
        {
            return null;
        }

        var change = new ResourceChange("machines", upload.Machine.HostName, "write", Inventory.PropertyDiff.Between(Machine, upload.Machine));
        return new MachineChanged(upload.Scope, upload.CollectedAt, upload.Machine, [change]);
    }

    public IReadOnlyList<UsageHourBilled> Decide(UploadUsage upload, DateTimeOffset now, LicenseCoverage coverage)
    {
        var events = new List<UsageHourBilled>();
        foreach (var record in upload.Records.OrderBy(record => record.HourStart))
        {
            var merged = _hours.TryGetValue(record.HourStart, out var known) ? UsageMerge.Merge(known.Usage, record) : record;
            var lines = BillingRules.BillHour(merged, coverage);
            if (known.Lines is not null && known.Lines.SequenceEqual(lines))
            {
                _hours[record.HourStart] = (merged, known.Lines);
                continue;
            }

            events.Add(new UsageHourBilled(upload.VmId, record.HostName, upload.Scope, record.HourStart, now, merged, lines));
        }

        return events;
    }

    public void Apply(MachineChanged changed) => Machine = changed.Machine;

    public void Apply(UsageHourBilled billed)
    {
        _hours[billed.HourStart] = (billed.Usage, billed.Lines);
        if (_newestHour is null || billed.HourStart > _newestHour)
        {
            _newestHour = billed.HourStart;
        }

        var oldest = _newestHour.Value - Retention;
        while (_hours.Count > 0 && _hours.Keys.First() < oldest)
        {
            _hours.Remove(_hours.Keys.First());
        }
    }
}
