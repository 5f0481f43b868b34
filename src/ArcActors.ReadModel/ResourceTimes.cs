namespace ArcActors.ReadModel;

/// <summary>Times a resource was first written and last changed, rendered as its <c>systemData</c>.</summary>
public sealed record ResourceTimes(DateTimeOffset CreatedAt, DateTimeOffset LastModifiedAt);
