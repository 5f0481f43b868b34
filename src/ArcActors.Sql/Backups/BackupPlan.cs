namespace ArcActors.Sql.Backups;

/// <summary>
/// The backups to take on one instance for one backup kind. When <see cref="RejectionReason"/> is
/// set the instance takes no automated backups at all and both lists are empty.
/// </summary>
public sealed record BackupPlan(IReadOnlyList<BackupStatement> Statements, IReadOnlyList<BackupSkip> Skipped, string? RejectionReason)
{
    public bool IsRejected => RejectionReason is not null;

    public static BackupPlan Rejected(string reason) => new([], [], reason);
}
