using ArcActors.Contracts.Events;
using Microsoft.Data.Sqlite;
using static ArcActors.ReadModel.Tests.Fixtures;

namespace ArcActors.ReadModel.Tests;

/// <summary>Tests of what only a SQLite file has: files written by earlier versions and SQLite's query plans.</summary>
public sealed class SqliteFileTests
{
    private const string Projection = "inventory";
    private static readonly DateTimeOffset End = Start.AddDays(1);

    private static ResourceChange InstanceWrite() =>
        new("sqlServerInstances", "sql-prod-01_SALES", "write", [new PropertyChange("edition", "Standard", "Developer")], "");

    // The activity table as the store created it before the caller column existed.
    private static void CreateOldSchemaFile(string path, long ticks, string resourceId)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE activity (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                time INTEGER NOT NULL,
                resource_id TEXT NOT NULL,
                operation TEXT NOT NULL,
                changes_json TEXT NOT NULL,
                projection TEXT NOT NULL,
                source_offset INTEGER NOT NULL,
                idx INTEGER NOT NULL,
                UNIQUE (projection, source_offset, idx));
            INSERT INTO activity(time, resource_id, operation, changes_json, projection, source_offset, idx)
            VALUES ($time, $resourceId, 'Microsoft.AzureArcData/sqlServerInstances/write', '{"edition":{"old":"","new":"Standard"}}', 'inventory', 1, 0);
            """;
        command.Parameters.AddWithValue("$time", ticks);
        command.Parameters.AddWithValue("$resourceId", resourceId);
        command.ExecuteNonQuery();
    }

    [Fact]
    public void ReadStore_OldFileEmptyCaller()
    {
        using var folder = new TempStore();
        var path = Path.Combine(folder.Folder, "old.db");
        CreateOldSchemaFile(path, Start.UtcTicks, InstanceId());

        using var store = ReadStore.Open(path);

        var row = Assert.Single(store.ListActivity());
        Assert.Equal(InstanceId(), row.ResourceId);
        Assert.Equal(Start, row.Time);
        Assert.Equal("", row.Caller);
        Assert.Equal([new PropertyChange("edition", "", "Standard")], row.Changes);
    }

    [Fact]
    public void ReadStore_OldFileTakesNewRows()
    {
        using var folder = new TempStore();
        var path = Path.Combine(folder.Folder, "old.db");
        CreateOldSchemaFile(path, Start.UtcTicks, InstanceId());

        using (var store = ReadStore.Open(path))
        {
            store.ApplyBatch(Projection, Batch(2, InventoryEvent(Instance(), Start.AddHours(1), changes: [InstanceWrite()])));
        }

        using var reopened = ReadStore.Open(path);
        var rows = reopened.QueryActivity(Start, End, null, Scope.SubscriptionId, null, 10);
        Assert.Equal(2, rows.Count);
        Assert.Equal("", rows[0].Caller);
        Assert.Equal("host agent on sql-prod-01", rows[1].Caller);
    }

    [Fact]
    public void ActivityQuery_TimeRangeUsesIndexWithoutSort()
    {
        using var temp = new TempStore();
        using var connection = new SqliteConnection($"Data Source={temp.FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            EXPLAIN QUERY PLAN SELECT id, time, resource_id, caller FROM activity
            WHERE time >= 1 AND time <= 2 AND substr(resource_id, 1, 15) = '/subscriptions/' COLLATE NOCASE
            ORDER BY time, id LIMIT 10
            """;
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains("USING INDEX activity_time (time>? AND time<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }
}
