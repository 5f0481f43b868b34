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
        Add(changes, "backupPolicy.retentionPeriodDays", before.BackupPolicy?.RetentionPeriodDays, after.BackupPolicy?.RetentionPeriodDays);
        Add(changes, "backupPolicy.fullBackupDays", before.BackupPolicy?.FullBackupDays, after.BackupPolicy?.FullBackupDays);
        Add(changes, "backupPolicy.differentialBackupHours", before.BackupPolicy?.DifferentialBackupHours, after.BackupPolicy?.DifferentialBackupHours);
        Add(changes, "backupPolicy.transactionLogBackupMinutes", before.BackupPolicy?.TransactionLogBackupMinutes, after.BackupPolicy?.TransactionLogBackupMinutes);
        Add(changes, "monitoring.enabled", Text(before.MonitoringEnabled), Text(after.MonitoringEnabled));
        return changes;
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
