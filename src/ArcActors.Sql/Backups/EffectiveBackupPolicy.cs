using ArcActors.Contracts.Inventory;

namespace ArcActors.Sql.Backups;

/// <summary>
/// The backup policy that applies to one database after the database policy has overridden the
/// instance policy and zero frequencies have taken their defaults.
/// </summary>
/// <param name="Policy">The resolved policy when enabled; when disabled, the policy as set, or null when none is set.</param>
/// <param name="Level">The level the policy comes from.</param>
/// <param name="DisabledReason">Why the database is not backed up, or null when automated backups are on.</param>
public sealed record EffectiveBackupPolicy(BackupPolicy? Policy, BackupPolicyLevel Level, string? DisabledReason)
{
    public bool IsEnabled => DisabledReason is null;

    /// <summary>Interval between full backups.</summary>
    public TimeSpan FullInterval => TimeSpan.FromDays(EnabledPolicy().FullBackupDays);

    /// <summary>Interval between differential backups.</summary>
    public TimeSpan DifferentialInterval => TimeSpan.FromHours(EnabledPolicy().DifferentialBackupHours);

    /// <summary>Interval between transaction log backups.</summary>
    public TimeSpan LogInterval => TimeSpan.FromMinutes(EnabledPolicy().TransactionLogBackupMinutes);

    /// <summary>How long backups are kept.</summary>
    public TimeSpan Retention => TimeSpan.FromDays(EnabledPolicy().RetentionPeriodDays);

    private BackupPolicy EnabledPolicy()
    {
        if (!IsEnabled || Policy is null)
        {
            throw new InvalidOperationException($"Automated backups are off for this database ({DisabledReason}); check IsEnabled before reading intervals.");
        }

        return Policy;
    }
}
