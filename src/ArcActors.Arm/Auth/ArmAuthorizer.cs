using System.Text;

namespace ArcActors.Arm.Auth;

/// <summary>
/// Authenticates a request's bearer token and checks that its role grants the request's action at the
/// request's target. Thread-safe: one instance serves every request.
/// </summary>
public sealed class ArmAuthorizer
{
    /// <summary>The <c>realm</c> of the <c>WWW-Authenticate</c> challenge.</summary>
    public const string Realm = "arcactors-arm";

    private readonly TokenKey _key;
    private readonly TimeProvider _clock;
    private readonly string _challenge;

    /// <param name="key">The key tokens are signed with.</param>
    /// <param name="clock">The time source for expiry checks.</param>
    /// <param name="authorizationUri">
    /// Where a client gets a token, sent as <c>authorization_uri</c> in the challenge as ARM does. Null leaves
    /// it out, since tokens come from <c>arcactors token</c> and no token endpoint exists.
    /// </param>
    public ArmAuthorizer(TokenKey key, TimeProvider clock, Uri? authorizationUri = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(clock);
        _key = key;
        _clock = clock;
        _challenge = authorizationUri is null
            ? $"Bearer realm=\"{Realm}\""
            : $"Bearer realm=\"{Realm}\", authorization_uri=\"{Quote(authorizationUri.AbsoluteUri)}\"";
    }

    /// <summary>
    /// Authorizes one request. <paramref name="authorizationHeader"/> is the raw <c>Authorization</c> header or
    /// null when absent; <paramref name="action"/> comes from <see cref="ArmActions"/>; <paramref name="target"/> is
    /// the resource id or collection path as the request parser resolved it.
    /// </summary>
    public ArmAuthResult Authorize(string? authorizationHeader, string action, string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(target);

        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return ArmAuthResult.Unauthenticated("AuthenticationFailed",
                "Authentication failed. The 'Authorization' header is missing. Send 'Authorization: Bearer TOKEN' with a token from 'arcactors token'.",
                _challenge);
        }

        var token = ReadBearerToken(authorizationHeader);
        if (token is null)
        {
            return ArmAuthResult.Unauthenticated("AuthenticationFailed",
                "Authentication failed. The 'Authorization' header is provided in an invalid format; use 'Bearer TOKEN'.",
                Challenge("The Authorization header is not 'Bearer TOKEN'."));
        }

        if (!ArmTokens.TryValidate(_key, token, _clock, out var claims, out var reason))
        {
            return ArmAuthResult.Unauthenticated("InvalidAuthenticationToken", $"The access token is invalid. {reason}", Challenge(reason));
        }

        if (!claims.Role.Allows(action) || !claims.Scope.Contains(target))
        {
            return ArmAuthResult.Forbidden(claims.Principal,
                $"The client '{claims.Principal}' with object id '{claims.Principal}' does not have authorization to perform action "
                + $"'{action}' over scope '{target}' or the scope is invalid.");
        }

        return ArmAuthResult.Allowed(claims);
    }

    // Returns the token of "Bearer TOKEN" (scheme in any case), or null for another scheme or no token.
    private static string? ReadBearerToken(string header)
    {
        var trimmed = header.Trim();
        var space = trimmed.IndexOf(' ');
        if (space < 0 || !trimmed[..space].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = trimmed[(space + 1)..].Trim();
        return token.Length == 0 ? null : token;
    }

    private string Challenge(string description) =>
        $"{_challenge}, error=\"invalid_token\", error_description=\"{Quote(description)}\"";

    // Keeps a header parameter within a quoted-string: printable ASCII only, with '"' and '\' escaped.
    private static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            if (character is < ' ' or > '~')
            {
                continue;
            }

            if (character is '"' or '\\')
            {
                quoted.Append('\\');
            }

            quoted.Append(character);
        }

        return quoted.ToString();
    }
}
