using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Jobs;

/// <summary>
/// The stored backup policies of one instance for one backup pass: its instance-level policy, or null when only
/// databases have their own, and each database's own policy by exact database name.
/// </summary>
/// <param name="LastRetentionAt">The oldest retention cleanup time among the instance's rows, or null when one has never been cleaned up.</param>
internal sealed record InstancePolicies(
    string InstanceName,
    BackupPolicy? Policy,
    IReadOnlyDictionary<string, BackupPolicy> DatabasePolicies,
    DateTimeOffset? LastRetentionAt)
{
    /// <summary>Groups instance-level and database-level rows by instance name (ignoring case), in instance name order.</summary>
    public static IReadOnlyList<InstancePolicies> Group(IReadOnlyList<StoredBackupPolicy> instanceLevel, IReadOnlyList<StoredBackupPolicy> databaseLevel) =>
        instanceLevel.Concat(databaseLevel)
            .GroupBy(stored => stored.InstanceName, StringComparer.OrdinalIgnoreCase)
            .OrderBy(group => group.Key, StringComparer.OrdinalIgnoreCase)
            .Select(FromRows)
            .ToList();

    private static InstancePolicies FromRows(IGrouping<string, StoredBackupPolicy> rows)
    {
        var instance = rows.FirstOrDefault(row => row.DatabaseName.Length == 0);
        var databases = rows.Where(row => row.DatabaseName.Length > 0).ToDictionary(row => row.DatabaseName, row => row.Policy, StringComparer.Ordinal);
        var lastRetentionAt = rows.Any(row => row.LastRetentionAt is null) ? null : rows.Min(row => row.LastRetentionAt);
        return new InstancePolicies(instance?.InstanceName ?? rows.First().InstanceName, instance?.Policy, databases, lastRetentionAt);
    }
}
