using ArcActors.Contracts.Events;

namespace ArcActors.ReadModel;

/// <summary>One activity log entry: a write or delete of one resource and the properties it changed.</summary>
/// <param name="Operation">Full ARM operation, such as <c>Microsoft.AzureArcData/sqlServerInstances/write</c>.</param>
/// <param name="Caller">
/// Who made the change: an API principal, or <c>host agent on {host}</c> for a change the host agent reported.
/// Empty for entries written before the store recorded callers.
/// </param>
public sealed record ActivityRow(
    long Id,
    DateTimeOffset Time,
    string ResourceId,
    string Operation,
    IReadOnlyList<PropertyChange> Changes,
    string Caller = "")
{
    /// <summary>
    /// The projection and journal offset of the event that produced the entry, as <c>{projection}:{offset}</c>.
    /// Entries from one event share it. Only <see cref="ReadStore.QueryActivity"/> fills it in, and other reads leave it empty.
    /// </summary>
    public string SourceEvent { get; init; } = "";
}
