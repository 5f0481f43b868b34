namespace ArcActors.Sql.Backups;

/// <summary>
/// Checks that a file lies under the instance default backup path before the host agent deletes it.
/// </summary>
/// <remarks>
/// A folder containing '/' and no '\' is a Linux path, compared with case. Any other folder is a Windows
/// path, compared without case and with '/' read as '\', as Windows reads it. Paths with "." or ".."
/// segments, empty segments, wildcards, (on Windows) segments ending in a dot or space, control characters or (on Windows) a ':' after the folder are
/// rejected, so a path cannot name the folder and then leave it or name an alternate data stream.
/// </remarks>
public static class BackupPathGuard
{
    /// <summary>Returns why <paramref name="filePath"/> must not be deleted, or null when it is a file under <paramref name="defaultBackupPath"/>.</summary>
    public static string? RejectionReason(string defaultBackupPath, string filePath)
    {
        ArgumentNullException.ThrowIfNull(filePath);

        if (string.IsNullOrWhiteSpace(defaultBackupPath))
        {
            return $"Backup file '{filePath}' is not deleted because the instance default backup path is unknown; set it in the server's database default locations.";
        }

        var isLinux = IsLinuxPath(defaultBackupPath);
        var separator = isLinux ? '/' : '\\';
        var folder = isLinux ? defaultBackupPath : defaultBackupPath.Replace('/', '\\');
        var path = isLinux ? filePath : filePath.Replace('/', '\\');
        var prefix = folder.TrimEnd(separator) + separator;
        var comparison = isLinux ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

        if (!path.StartsWith(prefix, comparison) || !IsPlainRelativePath(path[prefix.Length..], separator, isLinux))
        {
            return $"Backup file '{filePath}' is not under the instance default backup path '{defaultBackupPath}', so it is not deleted; move it there or delete it by hand.";
        }

        return null;
    }

    /// <summary>Returns the comparer for file paths under <paramref name="defaultBackupPath"/>: with case on Linux, without case on Windows.</summary>
    public static StringComparer PathComparer(string defaultBackupPath) =>
        IsLinuxPath(defaultBackupPath) ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    private static bool IsLinuxPath(string folder) => folder.Contains('/') && !folder.Contains('\\');

    private static bool IsPlainRelativePath(string relative, char separator, bool isLinux)
    {
        if (relative.Length == 0 || relative.Any(char.IsControl) || relative.IndexOfAny(['*', '?']) >= 0)
        {
            return false;
        }

        if (!isLinux && relative.Contains(':'))
        {
            return false;
        }

        // Windows drops trailing dots and spaces from a segment, so ".. " would act as "..".
        return relative.Split(separator).All(segment =>
            segment is not ("" or "." or "..") && (isLinux || !segment.EndsWith('.') && !segment.EndsWith(' ')));
    }
}
