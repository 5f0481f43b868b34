using ArcActors.Contracts.Billing;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Usage;

namespace ArcActors.Contracts.Events;

/// <summary>The machine's facts, name or extension settings changed.</summary>
public sealed record MachineChanged(ResourceScope Scope, DateTimeOffset At, MachineSnapshot Machine, IReadOnlyList<ResourceChange> Changes) : IArcActorsMessage;

/// <summary>
/// The billing of one OS environment for one UTC hour was decided, or decided again because a
/// later record for the same hour changed the outcome. <see cref="Lines"/> replaces any earlier
/// lines of that hour, so an hour is never billed twice. <see cref="Usage"/> is the merged
/// usage the lines were computed from, kept so later samples of the hour merge with it.
/// </summary>
public sealed record UsageHourBilled(
    Guid VmId,
    string HostName,
    ResourceScope Scope,
    DateTimeOffset HourStart,
    DateTimeOffset At,
    UsageRecord Usage,
    IReadOnlyList<BillingLine> Lines) : IArcActorsMessage;

/// <summary>
/// The billing decisions of one usage upload: every hour whose outcome the upload changed. One
/// event per upload keeps the journal small, since an upload carries up to 30 days of hours.
/// </summary>
public sealed record UsageBilled(Guid VmId, DateTimeOffset At, IReadOnlyList<UsageHourBilled> Hours) : IArcActorsMessage;
