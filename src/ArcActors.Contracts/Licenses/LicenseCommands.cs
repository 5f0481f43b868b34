using ArcActors.Contracts.Ingress;

namespace ArcActors.Contracts.Licenses;

/// <summary>Routes a message to the sharded entity of one physical core license.</summary>
public interface IWithLicenseId
{
    /// <summary>The ARM resource id of the license, in any case.</summary>
    string LicenseId { get; }
}

/// <summary>
/// Creates or replaces a license (PUT). The read-only properties of <see cref="Properties"/> are ignored:
/// the entity sets them. The reply is <see cref="LicenseReply"/>.
/// </summary>
public sealed record PutLicense(
    string LicenseId,
    ResourceScope Scope,
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    LicenseProperties Properties,
    DateTimeOffset At,
    string Caller) : IArcActorsMessage, IWithLicenseId;

/// <summary>Updates an existing license (PATCH); null <see cref="Tags"/> keeps the tags. The reply is <see cref="LicenseReply"/>.</summary>
public sealed record PatchLicense(
    string LicenseId,
    IReadOnlyDictionary<string, string>? Tags,
    LicensePatch Properties,
    DateTimeOffset At,
    string Caller) : IArcActorsMessage, IWithLicenseId;

/// <summary>Deletes a license. The reply is <see cref="LicenseReply"/>.</summary>
public sealed record DeleteLicense(string LicenseId, DateTimeOffset At, string Caller) : IArcActorsMessage, IWithLicenseId;

/// <summary>Asks for a license as its entity holds it. The reply is <see cref="LicenseReply"/> with Found or NotFound.</summary>
public sealed record GetLicense(string LicenseId) : IArcActorsMessage, IWithLicenseId;
