namespace ArcActors.Arm.ActivityLog;

/// <summary>A parsed activity log <c>$filter</c>, with both ends of the time range known.</summary>
/// <param name="From">Inclusive start, from <c>eventTimestamp ge</c>.</param>
/// <param name="To">Inclusive end, from <c>eventTimestamp le</c>, or the time of the request when the filter has none.</param>
/// <param name="ResourceUri">From <c>resourceUri eq</c>: the resource whose entries, and those of its child resources, to return.</param>
/// <param name="ResourceGroupName">From <c>resourceGroupName eq</c>.</param>
/// <param name="Channels">From <c>eventChannels eq</c>, such as <c>Admin, Operation</c>, or null when absent.</param>
internal sealed record ActivityLogFilter(
    DateTimeOffset From,
    DateTimeOffset To,
    string? ResourceUri,
    string? ResourceGroupName,
    string? Channels)
{
    /// <summary>
    /// True when the filter selects the Operation channel, the one every ArcActors entry is in.
    /// A filter without <c>eventChannels</c> selects every channel.
    /// </summary>
    public bool IncludesOperationChannel =>
        Channels is null
        || Channels.Split(',', StringSplitOptions.TrimEntries).Contains("Operation", StringComparer.OrdinalIgnoreCase);
}
