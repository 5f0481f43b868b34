using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Assessment;

/// <summary>
/// End of extended support of each SQL Server major version under the Microsoft Fixed Lifecycle
/// Policy. After that date a version receives no security updates unless the host buys Extended
/// Security Updates.
/// </summary>
public static class SqlServerLifecycle
{
    /// <summary>End of extended support of SQL Server 2008 R2, the last version before 2012.</summary>
    private static readonly DateOnly OlderVersionsEnd = new(2019, 7, 9);

    // NOTE: SQL Server 2025 (major 17) is left out until its end date is checked against the
    // lifecycle page, so it never counts as out of support.
    private static readonly Dictionary<int, DateOnly> ExtendedSupportEnd = new()
    {
        [11] = new DateOnly(2022, 7, 12),
        [12] = new DateOnly(2024, 7, 9),
        [13] = new DateOnly(2026, 7, 14),
        [14] = new DateOnly(2027, 10, 12),
        [15] = new DateOnly(2030, 1, 8),
        [16] = new DateOnly(2033, 1, 11),
    };

    /// <summary>Returns the last day of extended support for a product version such as 13.0.6300.2, or null when unknown.</summary>
    public static DateOnly? ExtendedSupportEndOf(string productVersion)
    {
        var major = SqlServerVersions.MajorOf(productVersion);
        if (major is > 0 and < 11)
        {
            return OlderVersionsEnd;
        }

        return ExtendedSupportEnd.TryGetValue(major, out var end) ? end : null;
    }

    /// <summary>Returns whether extended support had ended at <paramref name="now"/> (support lasts through its last day, in UTC).</summary>
    public static bool IsOutOfSupport(string productVersion, DateTimeOffset now)
    {
        var end = ExtendedSupportEndOf(productVersion);
        return end is { } last && DateOnly.FromDateTime(now.UtcDateTime) > last;
    }
}
