using ArcActors.Sql.Backups;

namespace ArcActors.Host.Jobs;

/// <summary>
/// Deletes backup files from this machine's file system, which is where the instances of a real host
/// write them. The path is checked with <see cref="BackupPathGuard"/> again just before the delete.
/// </summary>
public sealed class LocalBackupFileDeleter : IBackupFileDeleter
{
    public string? Delete(string defaultBackupPath, string filePath)
    {
        if (BackupPathGuard.RejectionReason(defaultBackupPath, filePath) is { } rejection)
        {
            return rejection;
        }

        try
        {
            // File.Delete returns normally when the file does not exist, so a file removed by hand counts as deleted.
            File.Delete(filePath);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"backup file '{filePath}' could not be deleted: {exception.Message}";
        }
    }
}
