using ArcActors.Sql.Privileges;

namespace ArcActors.Sql.Backups;

/// <summary>
/// Writes BACKUP DATABASE and BACKUP LOG statements to one disk file per backup.
/// </summary>
/// <remarks>
/// Options, per BACKUP (Transact-SQL) (sql-docs, docs/t-sql/statements/backup-transact-sql.md):
/// CHECKSUM verifies page checksums while reading and stores a backup checksum, so a damaged page fails
/// the backup rather than being copied silently.
/// FORMAT, INIT writes a new media header and overwrites the file. Each file name carries the database,
/// the kind and the UTC second, so the file is new unless the same backup is retried within one second.
/// Such a retry replaces the partial file of the failed attempt, where NOINIT would append to it or fail
/// on its damaged header. FORMAT also implies SKIP, so no expiry date on an old header blocks the write.
/// NOTE: for the same reason, two log backups of one database planned within the same UTC second write
/// one file, so the first is lost and the log chain breaks. The scheduler must not plan them.
/// COMPRESSION is written only where the edition supports it; elsewhere the clause is left out, because
/// WITH COMPRESSION fails on Web and Express.
/// </remarks>
public static class BackupStatementBuilder
{
    /// <summary>The backup set name recorded in msdb.dbo.backupset.name, which distinguishes automated backups from other backups.</summary>
    public const string BackupSetNamePrefix = "ArcActors automated";

    /// <summary>Longest backup set description BACKUP accepts.</summary>
    public const int MaxDescriptionLength = 255;

    /// <summary>Returns the statement that writes one backup of <paramref name="database"/> into <paramref name="folder"/>.</summary>
    /// <param name="description">
    /// Text for msdb.dbo.backupset.description, for example the relay job id, so that a later attempt of the
    /// same job can find the backup in the history; null for none.
    /// </param>
    public static BackupStatement Build(
        string database,
        BackupKind kind,
        string folder,
        DateTime utc,
        bool compression,
        bool forceHashInFileName = false,
        string? description = null)
    {
        if (description is { Length: > MaxDescriptionLength })
        {
            throw new ArgumentException($"the backup description has {description.Length} characters; BACKUP accepts at most {MaxDescriptionLength}.", nameof(description));
        }

        ArgumentException.ThrowIfNullOrEmpty(database);

        var path = BackupFileName.Combine(folder, BackupFileName.For(database, kind, utc, forceHashInFileName));
        var verb = kind == BackupKind.Log ? "BACKUP LOG" : "BACKUP DATABASE";
        var options = new List<string>();
        if (kind == BackupKind.Differential)
        {
            options.Add("DIFFERENTIAL");
        }

        options.Add("CHECKSUM");
        if (compression)
        {
            options.Add("COMPRESSION");
        }

        options.Add("FORMAT");
        options.Add("INIT");
        options.Add("NAME = " + SqlStringLiteral.Unicode($"{BackupSetNamePrefix} {kind.ToString().ToLowerInvariant()} backup"));
        if (description is not null)
        {
            options.Add("DESCRIPTION = " + SqlStringLiteral.Unicode(description));
        }

        var sql = $"{verb} {SqlIdentifier.Quote(database)}\n    TO DISK = {SqlStringLiteral.Unicode(path)}\n    WITH {string.Join(", ", options)};";
        return new BackupStatement(database, kind, path, sql);
    }
}
