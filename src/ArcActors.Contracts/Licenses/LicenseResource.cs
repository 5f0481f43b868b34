using ArcActors.Contracts.Ingress;

namespace ArcActors.Contracts.Licenses;

/// <summary>
/// A license as its entity holds it: everything the ARM resource shows. <see cref="Scope"/> carries the
/// resource's subscription, resource group and location.
/// </summary>
public sealed record LicenseResource(
    ResourceScope Scope,
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    LicenseProperties Properties,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset LastModifiedAt,
    string LastModifiedBy);
