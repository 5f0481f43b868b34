using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ArcActors.Arm.Auth;

/// <summary>
/// The checks behind <see cref="ArmTokens.TryValidate"/>, in order: form, header, signature, then claims.
/// No claim is read before the signature is verified. Messages never quote the token or the key.
/// </summary>
internal static partial class ArmTokenValidator
{
    /// <summary>Longest token accepted, in characters, well above the length of any token ArmTokens.Issue writes.</summary>
    public const int MaxTokenLength = 8192;

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 4, AllowDuplicateProperties = false };

    public static bool TryValidate(TokenKey key, string token, DateTimeOffset now, out ArmTokenClaims? claims, out string? error)
    {
        claims = null;
        var parts = token.Length <= MaxTokenLength ? token.Split('.') : [];
        if (parts.Length != 3 || !TokenCharacters().IsMatch(token))
        {
            error = "The token is malformed because it is not three base64url parts separated by periods.";
            return false;
        }

        error = CheckHeader(parts[0]) ?? CheckSignature(key, parts);
        if (error is not null)
        {
            return false;
        }

        using var payload = ParseJson(parts[1]);
        if (payload is null || payload.RootElement.ValueKind != JsonValueKind.Object)
        {
            error = "The token is malformed because its payload is not a JSON object.";
            return false;
        }

        return TryReadClaims(payload.RootElement, now, out claims, out error);
    }

    private static string? CheckHeader(string encodedHeader)
    {
        using var header = ParseJson(encodedHeader);
        if (header is null || header.RootElement.ValueKind != JsonValueKind.Object)
        {
            return "The token is malformed because its header is not a JSON object.";
        }

        var algorithm = header.RootElement.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String ? alg.GetString() : null;
        if (algorithm != ArmTokens.Algorithm)
        {
            var algorithmText = algorithm is not null && AlgorithmName().IsMatch(algorithm) ? $"'{algorithm}'" : "missing or unknown";
            return $"The token algorithm is {algorithmText}, but only {ArmTokens.Algorithm} tokens are accepted.";
        }

        return header.RootElement.TryGetProperty("crit", out _)
            ? "The token has a 'crit' header, but no critical extension is supported."
            : null;
    }

    private static string? CheckSignature(TokenKey key, string[] parts)
    {
        var signature = Decode(parts[2]);
        if (signature is null)
        {
            return "The token is malformed because its signature is not base64url.";
        }

        var expected = key.Sign(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        return CryptographicOperations.FixedTimeEquals(expected, signature)
            ? null
            : "The token signature does not match, so the token was signed by another key or changed after signing.";
    }

    private static bool TryReadClaims(JsonElement payload, DateTimeOffset now, out ArmTokenClaims? claims, out string? error)
    {
        claims = null;
        var issuedAt = ReadTime(payload, "iat");
        var expiresAt = ReadTime(payload, "exp");
        var notBefore = payload.TryGetProperty("nbf", out _) ? ReadTime(payload, "nbf") : issuedAt;
        if (issuedAt is null || expiresAt is null || notBefore is null)
        {
            error = "The token 'iat', 'nbf' or 'exp' claim is missing or not a whole number of seconds.";
            return false;
        }

        error = CheckIssuerAndAudience(payload) ?? CheckLifetime(now, notBefore.Value, expiresAt.Value);
        if (error is not null)
        {
            return false;
        }

        var principal = ReadString(payload, "sub");
        var role = ArmRoles.Find(ReadString(payload, "role"));
        ArmScope.TryParse(ReadString(payload, "scope"), out var scope, out _);
        if (string.IsNullOrWhiteSpace(principal) || role is null || scope is null)
        {
            error = "The token 'sub', 'role' or 'scope' claim is missing or invalid.";
            return false;
        }

        claims = new ArmTokenClaims(principal, role, scope, issuedAt.Value, expiresAt.Value);
        return true;
    }

    private static string? CheckIssuerAndAudience(JsonElement payload)
    {
        if (ReadString(payload, "iss") != ArmTokens.Issuer)
        {
            return $"The token issuer is not '{ArmTokens.Issuer}'.";
        }

        return HasAudience(payload) ? null : $"The token audience is not '{ArmTokens.Audience}'.";
    }

    private static string? CheckLifetime(DateTimeOffset now, DateTimeOffset notBefore, DateTimeOffset expiresAt)
    {
        if (now > expiresAt + ArmTokens.ClockSkew)
        {
            return $"The token expired at {Format(expiresAt)}. The current time is {Format(now)}.";
        }

        if (now + ArmTokens.ClockSkew < notBefore)
        {
            return $"The token is not valid before {Format(notBefore)}. The current time is {Format(now)}.";
        }

        return null;
    }

    private static bool HasAudience(JsonElement payload)
    {
        if (!payload.TryGetProperty("aud", out var audience))
        {
            return false;
        }

        // RFC 7519 allows one audience as a string or several as an array.
        return audience.ValueKind switch
        {
            JsonValueKind.String => audience.GetString() == ArmTokens.Audience,
            JsonValueKind.Array => audience.EnumerateArray().Any(item => item.ValueKind == JsonValueKind.String && item.GetString() == ArmTokens.Audience),
            _ => false,
        };
    }

    private static string? ReadString(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? ReadTime(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            && seconds is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static JsonDocument? ParseJson(string encoded)
    {
        var bytes = Decode(encoded);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(bytes, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[]? Decode(string encoded)
    {
        try
        {
            return Base64Url.DecodeFromChars(encoded);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9_.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenCharacters();

    [GeneratedRegex("^[A-Za-z0-9-]{1,16}$", RegexOptions.CultureInvariant)]
    private static partial Regex AlgorithmName();
}
