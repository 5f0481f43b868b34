using System.Globalization;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Dps.Inventory;

/// <summary>Lists the writable instance properties that differ between two settings, under their ARM property paths.</summary>
internal static class InstanceSettingsDiff
{
    public static IReadOnlyList<PropertyChange> Between(InstanceSettings before, InstanceSettings after)
    {
        var changes = new List<PropertyChange>();
        AddPolicy(changes, before.BackupPolicy, after.BackupPolicy);
        Add(changes, "monitoring.enabled", Text(before.MonitoringEnabled), Text(after.MonitoringEnabled));
        return changes;
    }

    /// <summary>Lists the <c>backupPolicy</c> fields that differ between two policies; null is no policy.</summary>
    public static IReadOnlyList<PropertyChange> BetweenPolicies(BackupPolicy? before, BackupPolicy? after)
    {
        var changes = new List<PropertyChange>();
        AddPolicy(changes, before, after);
        return changes;
    }

    private static void AddPolicy(List<PropertyChange> changes, BackupPolicy? before, BackupPolicy? after)
    {
        Add(changes, "backupPolicy.retentionPeriodDays", before?.RetentionPeriodDays, after?.RetentionPeriodDays);
        Add(changes, "backupPolicy.fullBackupDays", before?.FullBackupDays, after?.FullBackupDays);
        Add(changes, "backupPolicy.differentialBackupHours", before?.DifferentialBackupHours, after?.DifferentialBackupHours);
        Add(changes, "backupPolicy.transactionLogBackupMinutes", before?.TransactionLogBackupMinutes, after?.TransactionLogBackupMinutes);
    }

    private static void Add(List<PropertyChange> changes, string property, int? before, int? after) =>
        Add(changes, property, before?.ToString(CultureInfo.InvariantCulture) ?? "", after?.ToString(CultureInfo.InvariantCulture) ?? "");

    private static void Add(List<PropertyChange> changes, string property, string before, string after)
    {
        if (before != after)
        {
            changes.Add(new PropertyChange(property, before, after));
        }
    }

    private static string Text(bool? value) => value switch { true => "true", false => "false", null => "" };
}
