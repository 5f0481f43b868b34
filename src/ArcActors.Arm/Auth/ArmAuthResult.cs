namespace ArcActors.Arm.Auth;

/// <summary>
/// The outcome of <see cref="ArmAuthorizer.Authorize"/>. On success <see cref="Claims"/> names the caller;
/// otherwise <see cref="Status"/> (401 or 403), <see cref="ErrorCode"/> and <see cref="Message"/> form the
/// ARM error response, and a 401 also carries the <see cref="WwwAuthenticate"/> header value.
/// </summary>
public sealed record ArmAuthResult
{
    private ArmAuthResult()
    {
    }

    /// <summary>True when the request may proceed.</summary>
    public bool Succeeded => Claims is not null;

    /// <summary>The caller's checked claims on success, null otherwise.</summary>
    public ArmTokenClaims? Claims { get; private init; }

    /// <summary>The caller's principal name when known: on success and on a 403.</summary>
    public string? Principal { get; private init; }

    /// <summary>200 on success, 401 for a missing or invalid token, 403 for a missing permission.</summary>
    public int Status { get; private init; }

    /// <summary>ARM error code: <c>AuthenticationFailed</c>, <c>InvalidAuthenticationToken</c> or <c>AuthorizationFailed</c>.</summary>
    public string? ErrorCode { get; private init; }

    /// <summary>ARM error message. It never contains the token.</summary>
    public string? Message { get; private init; }

    /// <summary>Value of the <c>WWW-Authenticate</c> response header on a 401, null otherwise.</summary>
    public string? WwwAuthenticate { get; private init; }

    internal static ArmAuthResult Allowed(ArmTokenClaims claims) =>
        new() { Claims = claims, Principal = claims.Principal, Status = 200 };

    internal static ArmAuthResult Unauthenticated(string code, string message, string wwwAuthenticate) =>
        new() { Status = 401, ErrorCode = code, Message = message, WwwAuthenticate = wwwAuthenticate };

    internal static ArmAuthResult Forbidden(string principal, string message) =>
        new() { Principal = principal, Status = 403, ErrorCode = "AuthorizationFailed", Message = message };
}
