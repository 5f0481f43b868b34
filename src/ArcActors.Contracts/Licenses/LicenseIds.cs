using System.Security.Cryptography;
using System.Text;

namespace ArcActors.Contracts.Licenses;

/// <summary>Entity and persistence ids of licenses.</summary>
public static class LicenseIds
{
    /// <summary>ARM type below the provider, as <c>ResourceChange</c> names it.</summary>
    public const string ResourceType = "sqlServerLicenses";

    public const string PersistencePrefix = "license-";

    // SQL journal schemas, PostgreSQL's included, commonly declare persistence_id as VARCHAR(255).
    private const int MaxPersistenceIdLength = 255;

    /// <summary>
    /// Returns the entity id of the license with <paramref name="resourceId"/>: the id in lower case, because
    /// ARM ids are case-insensitive, or "sha256-" and the hex SHA-256 of that text when the persistence id
    /// would exceed 255 characters.
    /// </summary>
    public static string EntityId(string resourceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceId);

        var lowered = resourceId.ToLowerInvariant();
        if (PersistencePrefix.Length + lowered.Length <= MaxPersistenceIdLength)
        {
            return lowered;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(lowered));
        return $"sha256-{Convert.ToHexStringLower(hash)}";
    }

    public static string PersistenceId(string entityId) => PersistencePrefix + entityId;
}
