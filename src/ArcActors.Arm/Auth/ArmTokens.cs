using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace ArcActors.Arm.Auth;

/// <summary>
/// Issues and checks the API's bearer tokens: JWTs (RFC 7519) signed with HS256 by a <see cref="TokenKey"/>.
/// </summary>
/// <remarks>
/// The JWT code is written here with HMACSHA256, CryptographicOperations.FixedTimeEquals and System.Text.Json
/// instead of taking Microsoft.IdentityModel.JsonWebTokens. The API accepts exactly one algorithm and one
/// claim set, which takes fewer lines to check than to configure. The API also gains no package with its own
/// logging that could record token contents.
/// </remarks>
public static class ArmTokens
{
    public const string Issuer = "arcactors";
    public const string Audience = "arcactors-arm";
    public const string Algorithm = "HS256";

    /// <summary>Clock difference tolerated between the issuing and the checking machine when checking <c>exp</c> and <c>nbf</c>.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Longest token lifetime <see cref="Issue"/> accepts.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    /// <summary>Longest principal name, in characters.</summary>
    public const int MaxPrincipalLength = 128;

    /// <summary>
    /// Issues a token for <paramref name="principal"/> with a built-in <paramref name="role"/> (any case) at
    /// <paramref name="scope"/>, valid from now for <paramref name="lifetime"/>, rounded down to whole seconds.
    /// </summary>
    /// <exception cref="ArgumentException">The principal, role, scope or lifetime is invalid; the message lists what is accepted.</exception>
    public static string Issue(TokenKey key, string principal, string role, string scope, TimeSpan lifetime, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(clock);
        var name = CheckPrincipal(principal);
        var builtInRole = ArmRoles.Find(role)
            ?? throw new ArgumentException($"The role '{role}' is not a built-in role; use one of {ArmRoles.NameList}.", nameof(role));
        var armScope = ArmScope.Parse(scope);
        if (lifetime < TimeSpan.FromSeconds(1) || lifetime > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"A token lifetime must be from 1 second to {MaxLifetime.TotalDays} days.");
        }

        var issuedAt = clock.GetUtcNow().ToUnixTimeSeconds();
        var payload = WritePayload(name, builtInRole.Name, armScope.Path, issuedAt, issuedAt + (long)lifetime.TotalSeconds);
        var signingInput = $"{Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8)}.{Base64Url.EncodeToString(payload)}";
        var signature = key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>
    /// Checks a token's form, algorithm, signature, issuer, audience and validity window at the clock's time,
    /// and returns its claims, or false with a sentence that names what is wrong and never contains the token.
    /// </summary>
    public static bool TryValidate(TokenKey key, string token, TimeProvider clock,
        [NotNullWhen(true)] out ArmTokenClaims? claims, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(clock);
        return ArmTokenValidator.TryValidate(key, token, clock.GetUtcNow(), out claims, out error);
    }

    private static string CheckPrincipal(string principal)
    {
        var name = principal?.Trim() ?? "";
        if (name.Length is 0 or > MaxPrincipalLength || name.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"The principal name must be 1 to {MaxPrincipalLength} characters without control characters.", nameof(principal));
        }

        return name;
    }

    private static byte[] WritePayload(string principal, string role, string scope, long issuedAt, long expiresAt)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", Issuer);
            writer.WriteString("aud", Audience);
            writer.WriteString("sub", principal);
            writer.WriteString("role", role);
            writer.WriteString("scope", scope);
            writer.WriteNumber("iat", issuedAt);
            writer.WriteNumber("nbf", issuedAt);
            writer.WriteNumber("exp", expiresAt);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
