namespace ArcActors.Sql.Backups;

/// <summary>
/// One BACKUP statement. It runs in master; the database it backs up is named in the text.
/// </summary>
/// <param name="Database">The database the statement backs up.</param>
/// <param name="Kind">Full, differential or log.</param>
/// <param name="FilePath">The backup file the statement writes, as the server resolves the path.</param>
/// <param name="Sql">The statement text.</param>
public sealed record BackupStatement(string Database, BackupKind Kind, string FilePath, string Sql)
{
    /// <summary>The database a connection should be in when it runs <see cref="Sql"/>.</summary>
    public string RunInDatabase => "master";
}
