using System.Security.Cryptography;
using System.Text;

namespace ArcActors.Dps.Ingress;

/// <summary>How enrollment keys are made, hashed and checked, whichever store keeps them.</summary>
public static class EnrollmentKeys
{
    private const int KeyBytes = 32;
    private const int KeyIdBytes = 6;

    // Compared against when the key id is unknown, so an unknown id costs the same hash and comparison as a known one.
    private static readonly byte[] UnknownKeyHash = new byte[SHA256.HashSizeInBytes];

    /// <summary>A new random key and key id.</summary>
    public static (string KeyId, string Key) Create()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var keyId = "hk-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdBytes));
        return (keyId, key);
    }

    /// <summary>The lower-case hex SHA-256 of <paramref name="key"/>, as the stores keep it.</summary>
    public static string HashHex(string key) => Convert.ToHexStringLower(Hash(key));

    /// <summary>
    /// Whether <paramref name="key"/> hashes to <paramref name="storedHashHex"/>; null stands for an
    /// unknown key id and never matches. The hashes are compared in constant time.
    /// </summary>
    public static bool Matches(string? key, string? storedHashHex)
    {
        var expected = storedHashHex is null ? UnknownKeyHash : Convert.FromHexString(storedHashHex);
        return CryptographicOperations.FixedTimeEquals(Hash(key ?? ""), expected) && storedHashHex is not null;
    }

    /// <summary>
    /// Checks that <paramref name="key"/> is the key of <paramref name="hostKeyId"/> and that the key is
    /// enrolled for <paramref name="claimedVmId"/>. Returns null when both hold, or else the reason in
    /// words that reveal neither the key nor which of an unknown id and a wrong key it was.
    /// </summary>
    /// <exception cref="IOException">The store cannot be read.</exception>
    /// <exception cref="InvalidDataException">The store contains data that is not a valid enrollment store.</exception>
    public static string? AuthorizationError(this IEnrollmentStore store, string hostKeyId, string key, Guid claimedVmId)
    {
        var enrolled = store.Verify(hostKeyId, key);
        if (enrolled is null)
        {
            return "the host key id is not enrolled or the key does not match it";
        }

        return enrolled == claimedVmId ? null : "the key is enrolled for another machine, and a host may only upload for its own machine";
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
