namespace ArcActors.Host.Jobs;

/// <summary>Deletes the backup files that the retention plan lets go.</summary>
public interface IBackupFileDeleter
{
    /// <summary>
    /// Deletes <paramref name="filePath"/> when it lies under <paramref name="defaultBackupPath"/>, and returns
    /// null when it is gone afterwards, or why it was not deleted.
    /// </summary>
    string? Delete(string defaultBackupPath, string filePath);
}
