using ArcActors.Contracts.Usage;

namespace ArcActors.Host.Usage;

/// <summary>
/// Durable store of a host's hourly usage records until the cloud side acknowledges them. Records
/// wait here while the host is disconnected (at least 30 days) and are billed once when they arrive.
/// </summary>
public interface IUsageOutbox
{
    /// <summary>Adds a sample to the record of its machine and hour, merging with what is stored.</summary>
    void Record(UsageRecord sample);

    /// <summary>Returns up to <paramref name="max"/> unacknowledged records of hours starting before <paramref name="before"/>, oldest first.</summary>
    IReadOnlyList<UsageRecord> Pending(Guid vmId, DateTimeOffset before, int max);

    /// <summary>Marks records as acknowledged, unless a later sample changed them since they were sent.</summary>
    void MarkAcknowledged(IReadOnlyList<UsageRecord> sent);
}
