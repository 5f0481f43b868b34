using ArcActors.Contracts.Events;

namespace ArcActors.ReadModel;

/// <summary>One activity log entry: a write or delete of one resource and the properties it changed.</summary>
/// <param name="Operation">Full ARM operation, such as <c>Microsoft.AzureArcData/sqlServerInstances/write</c>.</param>
public sealed record ActivityRow(
    long Id,
    DateTimeOffset Time,
    string ResourceId,
    string Operation,
    IReadOnlyList<PropertyChange> Changes);
