using ArcActors.Contracts.Inventory;

namespace ArcActors.Sql.Backups;

/// <summary>
/// Resolves the backup policy of a database from the instance policy and the database policy.
/// </summary>
/// <remarks>
/// A database policy, when set, replaces the instance policy as a whole; fields are not merged. Retention
/// 0 turns backups off, and 1 to 35 days turns them on. The ARM ranges are: full backup every 0 to 7 days,
/// differential every 12 or 24 hours, log backup every 0 to 60 minutes.
/// NOTE: Microsoft's documentation does not say what 0 means for the full and log frequencies (or for the
/// differential one, which ARM limits to 12 or 24). Here a 0 frequency in an enabled policy takes the
/// default of <see cref="BackupPolicy.Default"/>, because reading it as "never" would let the log of a FULL
/// recovery database grow without end and keep every backup forever.
/// </remarks>
public static class BackupPolicyResolver
{
    public const int MinRetentionDays = 1;
    public const int MaxRetentionDays = 35;
    public const int MaxFullBackupDays = 7;
    public const int MaxLogBackupMinutes = 60;

    /// <summary>Returns the policy that applies to a database; the database policy overrides the instance policy.</summary>
    public static EffectiveBackupPolicy Resolve(BackupPolicy? instancePolicy, BackupPolicy? databasePolicy)
    {
        if (databasePolicy is not null)
        {
            return Validate(databasePolicy, BackupPolicyLevel.Database);
        }

        if (instancePolicy is not null)
        {
            return Validate(instancePolicy, BackupPolicyLevel.Instance);
        }

        return new EffectiveBackupPolicy(
            null,
            BackupPolicyLevel.None,
            "No backup policy is set on the database or the instance; set retentionPeriodDays to 1-35 to turn automated backups on.");
    }

    private static EffectiveBackupPolicy Validate(BackupPolicy policy, BackupPolicyLevel level)
    {
        var levelName = level == BackupPolicyLevel.Database ? "database" : "instance";
        var error = RetentionError(policy, levelName) ?? FrequencyError(policy, levelName);
        if (error is not null)
        {
            return new EffectiveBackupPolicy(policy, level, error);
        }

        var defaults = BackupPolicy.Default;
        var resolved = new BackupPolicy(
            policy.RetentionPeriodDays,
            policy.FullBackupDays == 0 ? defaults.FullBackupDays : policy.FullBackupDays,
            policy.DifferentialBackupHours == 0 ? defaults.DifferentialBackupHours : policy.DifferentialBackupHours,
            policy.TransactionLogBackupMinutes == 0 ? defaults.TransactionLogBackupMinutes : policy.TransactionLogBackupMinutes);

        return new EffectiveBackupPolicy(resolved, level, null);
    }

    private static string? RetentionError(BackupPolicy policy, string levelName)
    {
        if (policy.RetentionPeriodDays == 0)
        {
            return $"The {levelName} backup policy has retention 0 days, which turns automated backups off.";
        }

        if (policy.RetentionPeriodDays is < MinRetentionDays or > MaxRetentionDays)
        {
            return $"The {levelName} backup policy has invalid retention {policy.RetentionPeriodDays} days; set retentionPeriodDays to {MinRetentionDays}-{MaxRetentionDays} to turn automated backups on, or 0 to turn them off.";
        }

        return null;
    }

    private static string? FrequencyError(BackupPolicy policy, string levelName)
    {
        if (policy.FullBackupDays is < 0 or > MaxFullBackupDays)
        {
            return $"The {levelName} backup policy has invalid fullBackupDays {policy.FullBackupDays}; set it to 0-{MaxFullBackupDays}.";
        }

        if (policy.DifferentialBackupHours is not (0 or 12 or 24))
        {
            return $"The {levelName} backup policy has invalid differentialBackupHours {policy.DifferentialBackupHours}; set it to 12 or 24.";
        }

        if (policy.TransactionLogBackupMinutes is < 0 or > MaxLogBackupMinutes)
        {
            return $"The {levelName} backup policy has invalid transactionLogBackupMinutes {policy.TransactionLogBackupMinutes}; set it to 0-{MaxLogBackupMinutes}.";
        }

        return null;
    }
}
