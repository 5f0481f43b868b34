using System.Security.Cryptography;
using System.Text;

namespace ArcActors.Sql.Backups;

/// <summary>
/// Builds backup file names of the form <c>{safe database name}_{FULL|DIFF|LOG}_{yyyyMMddHHmmss}.{bak|dif|trn}</c>
/// from a database name that may hold any character a sysname allows.
/// </summary>
public static class BackupFileName
{
    /// <summary>Maximum length of the database part, so that folder plus file name stays well under the 260-character Windows path limit.</summary>
    public const int MaxDatabasePartLength = 100;

    // Characters Windows rejects in file names, plus '~', which marks the hash suffix below and is
    // replaced so that no unaltered name can end like a hashed one.
    private static readonly HashSet<char> Invalid = ['<', '>', ':', '"', '/', '\\', '|', '?', '*', '~'];

    /// <summary>
    /// Returns a form of <paramref name="database"/> that is valid as part of a file name on Windows and
    /// Linux. When a character had to be replaced, the name was cut, or <paramref name="forceHash"/> is
    /// set, the result ends in <c>~</c> and 12 hex digits of the SHA-256 of the exact name, so two
    /// databases never share a file name (for example <c>a/b</c> and <c>a:b</c>, or <c>Sales</c> and
    /// <c>sales</c> on a case-sensitive instance writing to a case-insensitive file system).
    /// </summary>
    public static string SafeDatabasePart(string database, bool forceHash = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);

        var builder = new StringBuilder(database.Length);
        var changed = false;
        for (var i = 0; i < database.Length; i++)
        {
            var c = database[i];
            if (char.IsHighSurrogate(c) && i + 1 < database.Length && char.IsLowSurrogate(database[i + 1]))
            {
                builder.Append(c).Append(database[i + 1]);
                i++;
                continue;
            }

            if (char.IsControl(c) || char.IsSurrogate(c) || Invalid.Contains(c))
            {
                builder.Append('_');
                changed = true;
                continue;
            }

            builder.Append(c);
        }

        var safe = builder.ToString();
        if (safe.Length > MaxDatabasePartLength)
        {
            safe = safe[..MaxDatabasePartLength];
            if (char.IsHighSurrogate(safe[^1]))
            {
                safe = safe[..^1];
            }

            changed = true;
        }

        return changed || forceHash ? safe + "~" + ShortHash(database) : safe;
    }

    /// <summary>Returns the file name for one backup taken at <paramref name="utc"/>, which must be UTC.</summary>
    /// <exception cref="ArgumentException"><paramref name="utc"/> is not UTC.</exception>
    public static string For(string database, BackupKind kind, DateTime utc, bool forceHash = false)
    {
        if (utc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException(
                $"Backup time {utc:O} has kind {utc.Kind}; pass a UTC time (DateTime.UtcNow) so file names sort across daylight-saving changes.",
                nameof(utc));
        }

        var (token, extension) = kind switch
        {
            BackupKind.Full => ("FULL", "bak"),
            BackupKind.Differential => ("DIFF", "dif"),
            BackupKind.Log => ("LOG", "trn"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown backup kind."),
        };

        var stamp = utc.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        return $"{SafeDatabasePart(database, forceHash)}_{token}_{stamp}.{extension}";
    }

    /// <summary>
    /// Joins the instance's backup folder and a file name with the folder's own separator: '/' for a
    /// Linux path such as /var/opt/mssql/data, '\' otherwise. The host running this code may be a
    /// different OS from the instance, so <see cref="Path.Combine(string, string)"/> does not fit.
    /// </summary>
    public static string Combine(string folder, string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);

        var separator = folder.Contains('/') && !folder.Contains('\\') ? '/' : '\\';
        var trimmed = folder.TrimEnd('/', '\\');
        return trimmed + separator + fileName;
    }

    private static string ShortHash(string database)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(database));
        return Convert.ToHexStringLower(hash)[..12];
    }
}
