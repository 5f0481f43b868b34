using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;

namespace ArcActors.Contracts.Licenses;

/// <summary>
/// Event: a license was created or changed. It carries the whole license, so a projection renders the
/// resource from this event alone. <see cref="At"/> and <see cref="Caller"/> are the modification time and principal.
/// </summary>
public sealed record LicenseWritten(
    ResourceScope Scope,
    string Name,
    DateTimeOffset At,
    string Caller,
    LicenseProperties Properties,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    IReadOnlyList<ResourceChange> Changes) : IArcActorsMessage
{
    public LicenseResource ToResource() => new(Scope, Name, Tags, Properties, CreatedAt, CreatedBy, At, Caller);
}

/// <summary>Event: a license was deleted.</summary>
public sealed record LicenseDeleted(
    ResourceScope Scope,
    string Name,
    DateTimeOffset At,
    string Caller,
    IReadOnlyList<ResourceChange> Changes) : IArcActorsMessage;
