namespace ArcActors.Sql.Backups;

/// <summary>
/// The call that deletes expired msdb backup history. It runs in any database; the procedure is named
/// with its database.
/// </summary>
/// <param name="OldestDate">
/// The value passed as <c>@oldest_date</c>, in the server's local time as msdb stores backup dates.
/// sp_delete_backuphistory deletes the history of every database on the instance whose
/// backup_finish_date is earlier than it.
/// </param>
/// <param name="Sql">The statement text.</param>
public sealed record BackupHistoryCleanup(DateTime OldestDate, string Sql);
