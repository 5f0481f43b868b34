using System.Net;
using System.Net.Sockets;
using ArcActors.Contracts.Billing;
using ArcActors.Contracts.Events;
using ArcActors.Tests.Postgres;
using Npgsql;
using static ArcActors.ReadModel.Tests.Fixtures;

namespace ArcActors.ReadModel.Tests.Postgres;

/// <summary>What only a shared PostgreSQL store has: several nodes on one database, and connection errors.</summary>
public sealed class PostgresStoreTests
{
    private const string Password = "s3cret-Pa55word";

    // Inventory batches with one activity row per event, and billing batches, as every node's projections see them.
    private static List<(string Projection, List<(long Offset, object Event)> Batch)> Batches()
    {
        var batches = new List<(string, List<(long, object)>)> { ("machines", Batch(1, MachineEvent(Machine(), Start))) };
        for (var hour = 0; hour < 12; hour++)
        {
            var at = Start.AddHours(hour);
            var change = new ResourceChange("sqlServerInstances/databases", $"sql-prod-01_SALES/db{hour}", "write", [new PropertyChange("state", "", "Online")]);
            batches.Add(("inventory", Batch(hour * 2 + 1,
                InventoryEvent(Instance(), at, [Database($"db{hour}")], changes: [change]),
                InventoryEvent(null, at.AddMinutes(30), [Database($"db{hour}", state: "Offline")]))));
            batches.Add(("billing", Batch(hour + 1, UsageEvent(at, new BillingLine("Std edition - PAYG", 4, "Standard", "PAYG", "SALES")))));
        }

        return batches;
    }

    private static void ApplyAll(ReadStore store, IEnumerable<(string Projection, List<(long Offset, object Event)> Batch)> batches)
    {
        foreach (var (projection, batch) in batches)
        {
            store.ApplyBatch(projection, batch);
        }
    }

    private static List<string> ActivityKeys(ReadStore store) =>
        store.ListActivity().Select(row => $"{row.Time:O} {row.ResourceId} {row.Operation} {row.Caller} {string.Join(",", row.Changes)}").ToList();

    // This checks the outcome, not the advisory write lock: the activity key and the upserts alone make a
    // second application of these batches change nothing. PostgresStore_WriterWaitsForOtherNodesLock checks the lock.
    [PostgresFact]
    public void PostgresStore_TwoNodesApplySameBatchesOnce()
    {
        var batches = Batches();
        using var reference = new TempStore(StoreProvider.Postgres);
        ApplyAll(reference.Store, batches);
        using var shared = new TempStore(StoreProvider.Postgres);
        using var otherNode = shared.OpenAnother();
        using var start = new Barrier(2);

        var nodes = new[] { shared.Store, otherNode }.Select(store => Task.Run(() =>
        {
            start.SignalAndWait();
            ApplyAll(store, batches);
        })).ToArray();
        Task.WaitAll(nodes);

        Assert.Equal(reference.Store.ListResources().Select(r => r.ToJsonString()), shared.Store.ListResources().Select(r => r.ToJsonString()));
        Assert.Equal(ActivityKeys(reference.Store), ActivityKeys(shared.Store));
        Assert.Equal(reference.Store.ListBilling(), shared.Store.ListBilling());
        Assert.Equal(24, shared.Store.GetOffset("inventory"));
        Assert.Equal(12, otherNode.GetOffset("billing"));
    }

    // Another node holds the store-wide write lock in an open transaction, so this node's batch must
    // wait until that transaction ends. Without the lock the batch would commit at once.
    [PostgresFact]
    public void PostgresStore_WriterWaitsForOtherNodesLock()
    {
        using var temp = new TempStore(StoreProvider.Postgres);
        using var otherNode = new NpgsqlConnection(temp.ConnectionString);
        otherNode.Open();
        using var otherWrite = otherNode.BeginTransaction();
        using (var takeLock = new NpgsqlCommand(ReadStore.WriteLockSql, otherNode, otherWrite))
        {
            takeLock.ExecuteNonQuery();
        }

        var apply = Task.Run(() => temp.Store.ApplyBatch("inventory", Batch(5, InventoryEvent(Instance(), Start, [Database("orders")]))));

        Assert.True(SpinWait.SpinUntil(() => WaitingAdvisoryLocks(temp.ConnectionString!) == 1, TimeSpan.FromSeconds(20)),
            "the batch never waited for the advisory write lock");
        Assert.False(apply.IsCompleted);
        Assert.Equal(0, temp.Store.GetOffset("inventory"));

        otherWrite.Commit();

        Assert.True(apply.Wait(TimeSpan.FromSeconds(20)), "the batch did not finish after the lock was released");
        Assert.Equal(5, temp.Store.GetOffset("inventory"));
    }

    private static long WaitingAdvisoryLocks(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            connection);
        return (long)count.ExecuteScalar()!;
    }

    [PostgresFact]
    public void PostgresStore_OpensExistingTables()
    {
        using var temp = new TempStore(StoreProvider.Postgres);
        temp.Store.ApplyBatch("inventory", Batch(5, InventoryEvent(Instance(), Start, [Database("orders")])));

        using var second = ReadStore.OpenPostgres(temp.ConnectionString!);

        Assert.Equal(5, second.GetOffset("inventory"));
        Assert.NotNull(second.GetResource(InstanceId() + "/databases/orders"));
    }

    [PostgresFact]
    public void PostgresStore_NodesStartingAtOnceCreateTablesOnce()
    {
        using var database = PostgresDatabase.Create();
        using var start = new Barrier(4);

        var opened = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return ReadStore.OpenPostgres(database.ConnectionString);
        })).ToArray();
        Task.WaitAll(opened);

        foreach (var store in opened.Select(task => task.Result))
        {
            Assert.Equal(0, store.GetOffset("inventory"));
            store.Dispose();
        }

        Assert.Equal(0, database.CountRows("resources"));
    }

    [Fact]
    public void OpenPostgres_UnreachableServerNamesHostNotPassword()
    {
        var port = ClosedLoopbackPort();

        var error = Assert.Throws<InvalidOperationException>(() =>
            ReadStore.OpenPostgres($"Host=127.0.0.1;Port={port};Database=readstore;Username=node;Password={Password};Timeout=5"));

        Assert.Contains("Host=127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Port={port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Database=readstore;Username=node", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OpenPostgres_InvalidConnectionStringRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ReadStore.OpenPostgres($"Hots=db.internal;Password={Password}"));

        Assert.Contains("not a valid Npgsql connection string", error.Message, StringComparison.Ordinal);
        Assert.Contains("Keyword=value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OpenPostgres_MissingHostRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ReadStore.OpenPostgres($"Database=readstore;Password={Password}"));

        Assert.Contains("no host", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    // A loopback port that nothing listens on: bound by this test, then released.
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
