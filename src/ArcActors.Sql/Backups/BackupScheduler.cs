namespace ArcActors.Sql.Backups;

/// <summary>
/// Computes which automated backups of an instance are due at a given UTC time, as a pure function of
/// the instance, its databases, their last backups and the time.
/// </summary>
/// <remarks>
/// Each kind runs once per slot of its interval on a UTC grid (<see cref="BackupSlots"/>): a kind is due
/// when its newest backup started before the current slot began. Slots missed while the host was down
/// collapse into one catch-up backup, and a backup retried within a slot is not due again.
/// Rules:
/// a database with no full backup gets a full backup first and nothing else, because differential and
/// log backups need a full backup as their base;
/// a full backup that is due replaces the differential due at the same time, and a full backup taken in
/// the current differential slot fills that slot;
/// log backups are for databases that can take them: FULL recovery, and BULK_LOGGED only when
/// <see cref="BackupSelectionOptions.SkipNonFullRecoveryUserDatabases"/> is false. With the default
/// options a user database in BULK_LOGGED or SIMPLE recovery takes no automated backups at all. This is
/// the Arc extension's documented behavior, quoted with its source on <see cref="BackupSelectionOptions"/>;
/// master, model and msdb take full backups only, and tempdb never;
/// databases that are not online, are read-only or are snapshots are skipped with the reason.
/// Slots start at whole minutes, so two log backups of one database never start in the same second,
/// which would make them write the same file name.
/// </remarks>
public static class BackupScheduler
{
    private static readonly HashSet<string> FullOnlySystemDatabases = new(StringComparer.Ordinal) { "master", "model", "msdb" };

    /// <summary>Computes the backup schedule of <paramref name="instance"/> at <paramref name="now"/>, which is converted to UTC.</summary>
    public static BackupSchedule Compute(
        BackupInstance instance,
        IReadOnlyList<BackupScheduleDatabase> databases,
        DateTimeOffset now,
        BackupSelectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(databases);
        options ??= BackupSelectionOptions.Default;
        now = now.ToUniversalTime();

        var rejection = BackupPlanner.InstanceRejection(instance);
        if (rejection is not null)
        {
            return BackupSchedule.Rejected(now, rejection);
        }

        var due = new List<DueBackup>();
        var upcoming = new List<UpcomingBackup>();
        var skipped = new List<BackupScheduleSkip>();

        foreach (var database in databases)
        {
            ScheduleDatabase(instance, database, now, options, due, upcoming, skipped);
        }

        var ordered = due.OrderBy(backup => backup.Kind).ToList();
        return new BackupSchedule(now, null, ordered, upcoming, skipped);
    }

    private static void ScheduleDatabase(
        BackupInstance instance,
        BackupScheduleDatabase database,
        DateTimeOffset now,
        BackupSelectionOptions options,
        List<DueBackup> due,
        List<UpcomingBackup> upcoming,
        List<BackupScheduleSkip> skipped)
    {
        var policy = BackupPolicyResolver.Resolve(instance.Policy, database.Policy);
        var reason = DatabaseSkipReason(database, policy, options);
        if (reason is not null)
        {
            skipped.Add(new BackupScheduleSkip(database.Name, null, reason));
            return;
        }

        var full = FullBackup(database, policy, now);
        AddOutcome(database.Name, BackupKind.Full, full, due, upcoming);

        if (database.LastFullStart is null)
        {
            const string waiting = "No full backup is on record yet; differential and log backups start after the first full backup.";
            skipped.Add(new BackupScheduleSkip(database.Name, BackupKind.Differential, waiting));
            skipped.Add(new BackupScheduleSkip(database.Name, BackupKind.Log, waiting));
            return;
        }

        if (FullOnlySystemDatabases.Contains(database.Name))
        {
            var fullOnly = $"System database {database.Name} gets full backups only.";
            skipped.Add(new BackupScheduleSkip(database.Name, BackupKind.Differential, fullOnly));
            skipped.Add(new BackupScheduleSkip(database.Name, BackupKind.Log, fullOnly));
            return;
        }

        var differential = DifferentialBackup(database, policy, now, fullIsDue: full.Due is not null);
        AddOutcome(database.Name, BackupKind.Differential, differential, due, upcoming);

        var logReason = LogSkipReason(database.RecoveryMode);
        if (logReason is not null)
        {
            skipped.Add(new BackupScheduleSkip(database.Name, BackupKind.Log, logReason));
            return;
        }

        AddOutcome(database.Name, BackupKind.Log, LogBackup(database, policy, now), due, upcoming);
    }

    private static string? DatabaseSkipReason(BackupScheduleDatabase database, EffectiveBackupPolicy policy, BackupSelectionOptions options)
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

        if (database.IsReadOnly)
        {
            return "The database is read-only, so its data cannot change between backups; set it to READ_WRITE to include it in automated backups.";
        }

        if (!policy.IsEnabled)
        {
            return policy.DisabledReason;
        }

        if (FullOnlySystemDatabases.Contains(database.Name))
        {
            return null;
        }

        return RecoveryModelSkipReason(database.RecoveryMode, options);
    }

    private static string? RecoveryModelSkipReason(string recoveryMode, BackupSelectionOptions options)
    {
        var isFull = IsRecoveryMode(recoveryMode, "Full");
        if (!isFull && !IsRecoveryMode(recoveryMode, "Bulk-logged") && !IsRecoveryMode(recoveryMode, "Simple"))
        {
            return $"Recovery model '{recoveryMode}' is unknown; expected Full, Bulk-logged or Simple.";
        }

        if (!isFull && options.SkipNonFullRecoveryUserDatabases)
        {
            return $"The database uses the {recoveryMode} recovery model, and only FULL recovery user databases are backed up.";
        }

        return null;
    }

    private static string? LogSkipReason(string recoveryMode) =>
        IsRecoveryMode(recoveryMode, "Simple")
            ? "The database uses the SIMPLE recovery model, which has no log backups."
            : null;

    private static bool IsRecoveryMode(string recoveryMode, string expected) =>
        string.Equals(recoveryMode, expected, StringComparison.OrdinalIgnoreCase);

    private static SlotOutcome FullBackup(BackupScheduleDatabase database, EffectiveBackupPolicy policy, DateTimeOffset now)
    {
        var slot = BackupSlots.Start(now, policy.FullInterval);
        if (database.LastFullStart is null)
        {
            return SlotOutcome.DueNow(slot, "No full backup is on record; the first full backup comes before any differential or log backup.");
        }

        if (database.LastFullStart.Value < slot)
        {
            return SlotOutcome.DueNow(slot, $"The full backup slot starting {slot:O} has no full backup; the last one started {database.LastFullStart.Value.ToUniversalTime():O}.");
        }

        return SlotOutcome.NotDue(slot + policy.FullInterval);
    }

    private static SlotOutcome DifferentialBackup(BackupScheduleDatabase database, EffectiveBackupPolicy policy, DateTimeOffset now, bool fullIsDue)
    {
        var slot = BackupSlots.Start(now, policy.DifferentialInterval);
        var next = slot + policy.DifferentialInterval;
        if (fullIsDue)
        {
            return SlotOutcome.NotDue(next);
        }

        var lastBase = Latest(database.LastFullStart, database.LastDifferentialStart);
        if (lastBase is null || lastBase.Value < slot)
        {
            return SlotOutcome.DueNow(slot, $"The differential backup slot starting {slot:O} has no full or differential backup.");
        }

        return SlotOutcome.NotDue(next);
    }

    private static SlotOutcome LogBackup(BackupScheduleDatabase database, EffectiveBackupPolicy policy, DateTimeOffset now)
    {
        var slot = BackupSlots.Start(now, policy.LogInterval);
        if (database.LastLogStart is null || database.LastLogStart.Value < slot)
        {
            return SlotOutcome.DueNow(slot, $"The log backup slot starting {slot:O} has no log backup.");
        }

        return SlotOutcome.NotDue(slot + policy.LogInterval);
    }

    private static DateTimeOffset? Latest(DateTimeOffset? first, DateTimeOffset? second)
    {
        if (first is null)
        {
            return second;
        }

        return second is null || first.Value >= second.Value ? first : second;
    }

    private static void AddOutcome(string database, BackupKind kind, SlotOutcome outcome, List<DueBackup> due, List<UpcomingBackup> upcoming)
    {
        if (outcome.Due is { } dueNow)
        {
            due.Add(new DueBackup(database, kind, dueNow.SlotStart, dueNow.Reason));
            return;
        }

        upcoming.Add(new UpcomingBackup(database, kind, outcome.NextDueAt!.Value));
    }

    private sealed record DueSlot(DateTimeOffset SlotStart, string Reason);

    private sealed record SlotOutcome(DueSlot? Due, DateTimeOffset? NextDueAt)
    {
        public static SlotOutcome DueNow(DateTimeOffset slot, string reason) => new(new DueSlot(slot, reason), null);

        public static SlotOutcome NotDue(DateTimeOffset next) => new(null, next);
    }
}
