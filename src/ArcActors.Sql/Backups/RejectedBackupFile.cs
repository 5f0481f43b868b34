namespace ArcActors.Sql.Backups;

/// <summary>An expired backup file that is not deleted, because it lies outside the instance default backup path.</summary>
public sealed record RejectedBackupFile(string FilePath, string Error);
