using System.Data.Common;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>
    /// Returns up to <paramref name="limit"/> activity entries with <paramref name="from"/> &lt;= time &lt;= <paramref name="to"/>,
    /// ordered by time and then id. Both bounds are inclusive, as in the ARM filter
    /// <c>eventTimestamp ge '…' and eventTimestamp le '…'</c>.
    /// <paramref name="subscriptionId"/> keeps the entries whose resource id starts with <c>/subscriptions/{id}/</c>.
    /// <paramref name="resourceUri"/> keeps the entries of that resource and of its child resources (ids that start
    /// with <c>{resourceUri}/</c>), so a resource group id selects every resource in the group. Both compare
    /// ASCII case-insensitively, and null means no filter. Pass the id of the last entry of the previous page
    /// as <paramref name="afterId"/> to read the next page.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterId"/> is not the id of any entry.</exception>
    public IReadOnlyList<ActivityRow> QueryActivity(
        DateTimeOffset from,
        DateTimeOffset to,
        string? resourceUri,
        string? subscriptionId,
        long? afterId,
        int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (subscriptionId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionId);
        }

        using var connection = OpenConnection();
        var lowerTicks = ArmTime.ToTicks(from);
        long? afterTicks = null;
        if (afterId is { } id)
        {
            afterTicks = ReadActivityTicks(connection, id);

            // The page starts at or after the last entry of the previous page, so the time index range starts there too.
            lowerTicks = Math.Max(lowerTicks, afterTicks.Value);
        }

        // NOTE: only the time index narrows the scan. A resource filter is checked row by row inside the time range,
        // so a resource with few entries in a 90-day range over 1,000,000 rows takes up to about a second.
        var uri = resourceUri?.TrimEnd('/');
        return connection.Query(
            null,
            $"""
            SELECT id, time, resource_id, operation, changes_json, caller, projection, source_offset FROM activity
            WHERE time >= @from AND time <= @to
              AND (CAST(@subscription AS TEXT) IS NULL OR {_dialect.EqualsIgnoringCase("substr(resource_id, 1, length(@subscription))", "@subscription")})
              AND (CAST(@uri AS TEXT) IS NULL
                   OR {_dialect.EqualsIgnoringCase("resource_id", "@uri")}
                   OR {_dialect.EqualsIgnoringCase("substr(resource_id, 1, length(@uri) + 1)", "(@uri || '/')")})
              AND (CAST(@afterTime AS BIGINT) IS NULL OR time > @afterTime OR (time = @afterTime AND id > @afterId))
            ORDER BY time, id
            LIMIT @limit
            """,
            ReadActivityRow,
            ("@from", lowerTicks),
            ("@to", ArmTime.ToTicks(to)),
            ("@subscription", subscriptionId is null ? null : $"/subscriptions/{subscriptionId}/"),
            ("@uri", string.IsNullOrEmpty(uri) ? null : uri),
            ("@afterTime", afterTicks),
            ("@afterId", afterId),
            ("@limit", limit));
    }

    private static long ReadActivityTicks(DbConnection connection, long id)
    {
        var ticks = connection.Scalar(null, "SELECT time FROM activity WHERE id = @id", ("@id", id));
        return ticks as long?
            ?? throw new ArgumentOutOfRangeException(
                "afterId",
                id,
                $"No activity entry has id {id}. Pass the id of the last entry of the previous page, or null for the first page.");
    }

    private static ActivityRow ReadActivityRow(DbDataReader reader) =>
        new(
            reader.GetInt64(0),
            ArmTime.FromTicks(reader.GetInt64(1)),
            reader.GetString(2),
            reader.GetString(3),
            ParseChanges(reader.GetString(4)),
            reader.GetString(5))
        {
            SourceEvent = $"{reader.GetString(6)}:{reader.GetInt64(7)}",
        };
}
