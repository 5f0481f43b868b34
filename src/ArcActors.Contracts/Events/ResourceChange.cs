namespace ArcActors.Contracts.Events;

/// <summary>What happened to one ARM resource in one persisted event; it becomes an activity log entry.</summary>
/// <param name="ResourceType">ARM type below the provider, for example <c>sqlServerInstances/databases</c>.</param>
/// <param name="Name">Resource name as it appears in the resource id, for example <c>sql-prod-01_SALES/orders</c>.</param>
/// <param name="Operation"><c>write</c> or <c>delete</c>.</param>
/// <param name="Caller">
/// Who made the change: the principal of an API request, or empty for a change the host agent reported.
/// </param>
public sealed record ResourceChange(string ResourceType, string Name, string Operation, IReadOnlyList<PropertyChange> Properties, string Caller = "");

/// <summary>One property that changed, with its old and new value as text (empty when absent).</summary>
public sealed record PropertyChange(string Property, string OldValue, string NewValue);
