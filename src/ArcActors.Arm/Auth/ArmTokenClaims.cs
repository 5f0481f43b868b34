namespace ArcActors.Arm.Auth;

/// <summary>The checked claims of a bearer token: who (<c>sub</c>), which built-in role, at which scope, and its validity window.</summary>
public sealed record ArmTokenClaims(string Principal, ArmRole Role, ArmScope Scope, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
