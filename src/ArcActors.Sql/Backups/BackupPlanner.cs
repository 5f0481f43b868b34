using ArcActors.Contracts.Inventory;

namespace ArcActors.Sql.Backups;

/// <summary>
/// Decides which databases of an instance get a backup of a given kind, and writes the statements.
/// </summary>
/// <remarks>
/// Selection: user databases in FULL and BULK_LOGGED recovery get full, differential and log backups;
/// BULK_LOGGED is treated like FULL because the "Recovery models" page (sql-docs,
/// docs/relational-databases/backup-restore/recovery-models-sql-server.md) states that it "Requires log backups",
/// and without them its log only grows. User databases in SIMPLE recovery get full and differential only,
/// because SIMPLE has no log backups. master, model and msdb get full backups only, as the Arc
/// automated-backup page states; tempdb never. Differential and log backups need an earlier full backup
/// as their base ("Before you can create the first log backup, you must create a full backup", BACKUP (Transact-SQL),
/// sql-docs, docs/t-sql/statements/backup-transact-sql.md), so they are skipped until one exists.
/// NOTE: the policy's frequencies (full every N days, differential every 12 or 24 hours, log every N minutes)
/// are the caller's schedule; this planner only decides which databases take a backup of the requested kind now.
/// </remarks>
public static class BackupPlanner
{
    // Automated backups keep 1 to 35 days of backups; 0 turns them off, and any other value is invalid.
    private const int MinRetentionDays = 1;
    private const int MaxRetentionDays = 35;

    private static readonly HashSet<string> FullOnlySystemDatabases = new(StringComparer.Ordinal) { "master", "model", "msdb" };

    /// <summary>Plans backups of <paramref name="kind"/> for every database of the instance at <paramref name="utc"/>.</summary>
    public static BackupPlan Plan(
        BackupInstance instance,
        IReadOnlyList<BackupDatabase> databases,
        BackupKind kind,
        DateTime utc,
        BackupSelectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(databases);
        options ??= BackupSelectionOptions.Default;

        var rejection = InstanceRejection(instance);
        if (rejection is not null)
        {
            return BackupPlan.Rejected(rejection);
        }

        var compression = BackupCompression.IsSupported(instance.Edition);
        var collidingParts = CollidingFileNameParts(databases);
        var statements = new List<BackupStatement>();
        var skipped = new List<BackupSkip>();

        foreach (var database in databases)
        {
            var reason = SkipReason(instance, database, kind, options);
            if (reason is not null)
            {
                skipped.Add(new BackupSkip(database.Name, kind, reason));
                continue;
            }

            var forceHash = collidingParts.Contains(BackupFileName.SafeDatabasePart(database.Name));
            statements.Add(BackupStatementBuilder.Build(database.Name, kind, instance.DefaultBackupPath, utc, compression, forceHash));
        }

        return new BackupPlan(statements, skipped, null);
    }

    /// <summary>Returns why the instance takes no automated backups at all, or null when it may take them.</summary>
    public static string? InstanceRejection(BackupInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);

        if (instance.LicenseType is not ("Paid" or "PAYG"))
        {
            return $"License type '{instance.LicenseType}' does not include automated backups; they need Paid or PAYG.";
        }

        if (instance.AlwaysOnRole is "FailoverClusterInstance" or "FailoverClusterNode")
        {
            return $"The instance is part of a failover cluster (alwaysOnRole {instance.AlwaysOnRole}); automated backups are not supported on failover cluster instances.";
        }

        if (instance.HostsAvailabilityGroupReplica || instance.AlwaysOnRole == "AvailabilityGroupReplica")
        {
            return "The instance hosts an availability group replica; automated backups are not supported there, so use the group's own backup preference.";
        }

        if (string.IsNullOrWhiteSpace(instance.DefaultBackupPath))
        {
            return "The default backup path is unknown because SERVERPROPERTY('InstanceDefaultBackupPath') returned NULL; set it in the server's database default locations.";
        }

        return null;
    }

    private static string? SkipReason(BackupInstance instance, BackupDatabase database, BackupKind kind, BackupSelectionOptions options)
    {
        if (database.Name == "tempdb")
        {
            return "tempdb is rebuilt at every start and cannot be backed up.";
        }

        if (database.IsDatabaseSnapshot)
        {
            return "A database snapshot cannot be backed up; its source database is backed up instead.";
        }

        if (!string.Equals(database.State, "Online", StringComparison.OrdinalIgnoreCase))
        {
            return $"The database is {database.State}; only online databases are backed up.";
        }

        var policyReason = PolicyReason(instance.Policy, database.Policy);
        if (policyReason is not null)
        {
            return policyReason;
        }

        if (FullOnlySystemDatabases.Contains(database.Name))
        {
            return kind == BackupKind.Full ? null : $"System database {database.Name} gets full backups only.";
        }

        return UserDatabaseReason(database, kind, options);
    }

    private static string? PolicyReason(BackupPolicy? instancePolicy, BackupPolicy? databasePolicy)
    {
        var policy = databasePolicy ?? instancePolicy;
        if (policy is null)
        {
            return "No backup policy is set on the database or the instance; set retentionPeriodDays to 1-35 to turn automated backups on.";
        }

        if (policy.RetentionPeriodDays == 0)
        {
            var level = databasePolicy is null ? "instance" : "database";
            return $"The {level} backup policy has retention 0 days, which turns automated backups off.";
        }

        if (policy.RetentionPeriodDays is < MinRetentionDays or > MaxRetentionDays)
        {
            var level = databasePolicy is null ? "instance" : "database";
            return $"The {level} backup policy has invalid retention {policy.RetentionPeriodDays} days; set retentionPeriodDays to {MinRetentionDays}-{MaxRetentionDays} to turn automated backups on, or 0 to turn them off.";
        }

        return null;
    }

    private static string? UserDatabaseReason(BackupDatabase database, BackupKind kind, BackupSelectionOptions options)
    {
        var recovery = database.RecoveryMode;
        var isFull = string.Equals(recovery, "Full", StringComparison.OrdinalIgnoreCase);
        var isBulkLogged = string.Equals(recovery, "Bulk-logged", StringComparison.OrdinalIgnoreCase);
        var isSimple = string.Equals(recovery, "Simple", StringComparison.OrdinalIgnoreCase);

        if (!isFull && !isBulkLogged && !isSimple)
        {
            return $"Recovery model '{recovery}' is unknown; expected Full, Bulk-logged or Simple.";
        }

        if (!isFull && options.SkipNonFullRecoveryUserDatabases)
        {
            return $"The database uses the {recovery} recovery model, and only FULL recovery databases are backed up.";
        }

        if (kind == BackupKind.Log && isSimple)
        {
            return "The database uses the SIMPLE recovery model, which has no log backups.";
        }

        if (kind != BackupKind.Full && database.LastFullBackup is null)
        {
            return $"No full backup is on record, and a {kind.ToString().ToLowerInvariant()} backup needs one as its base; the next full backup makes it possible.";
        }

        return null;
    }

    // Names whose safe file-name forms differ only in case would share a file on a case-insensitive
    // file system, so those databases get the hash suffix.
    private static HashSet<string> CollidingFileNameParts(IReadOnlyList<BackupDatabase> databases)
    {
        var colliding = databases
            .Select(database => BackupFileName.SafeDatabasePart(database.Name))
            .GroupBy(part => part, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .SelectMany(group => group);

        return new HashSet<string>(colliding, StringComparer.Ordinal);
    }
}
