using Akka.Actor;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Subscriptions;
using ArcActors.Node.Runtime;
using ArcActors.Tests.Contracts;
using Xunit;

namespace ArcActors.Tests.Postgres;

/// <summary>Projections that read events by tag from a PostgreSQL journal into the SQLite read store.</summary>
public sealed class PostgresProjectionSpecs : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly string _folder = TestConfig.TempFolder("postgres-projection");

    [PostgresFact]
    public async Task Projections_ResumeFromOffsetsOverPostgres()
    {
        using var database = PostgresDatabase.Create();
        using var postgres = HoconOverride.Postgres(database);
        using var data = DataFolder.Open(_folder);
        var first = (UploadInventory)Samples.All()[typeof(UploadInventory)];
        long offsetAfterFirst;
        int activityAfterFirst;
        long journalAfterFirst;
        await using (var node = await EmbeddedNode.StartAsync(data, TimeProvider.System, liveProjections: [], "WARNING"))
        {
            var registered = new Dictionary<string, bool> { [Providers.ArcData] = true };
            await new ProviderSync(node, Guid.Parse(Samples.Scope.SubscriptionId), TimeProvider.System).ApplyAsync(registered);
            await node.Dps.Ingress.Ask<UploadAccepted>(first, Timeout);
            await node.Dps.CatchUpAsync(Timeout);
            offsetAfterFirst = node.Store.GetOffset("inventory");
            activityAfterFirst = node.Store.ListActivity().Count;
        }

        journalAfterFirst = database.CountRows("journal");
        Assert.True(journalAfterFirst > 0, "the events must be in the PostgreSQL journal");
        Assert.True(offsetAfterFirst > 0);
        Assert.Equal(3, activityAfterFirst); // the instance, its availability group and its one changed database

        await using (var restarted = await EmbeddedNode.StartAsync(data, TimeProvider.System, liveProjections: [], "WARNING"))
        {
            await restarted.Dps.CatchUpAsync(Timeout);
            Assert.Equal(offsetAfterFirst, restarted.Store.GetOffset("inventory"));
            Assert.Equal(activityAfterFirst, restarted.Store.ListActivity().Count);

            var dropped = first with { UploadId = Guid.NewGuid(), CollectedAt = Samples.At.AddHours(1), ChangedDatabases = [], AllDatabaseNames = [] };
            var accepted = await restarted.Dps.Ingress.Ask<UploadAccepted>(dropped, Timeout);
            await restarted.Dps.CatchUpAsync(Timeout);

            Assert.Equal(1, accepted.EventsPersisted);
            Assert.True(restarted.Store.GetOffset("inventory") > offsetAfterFirst);
            var activity = restarted.Store.ListActivity();
            Assert.Equal(activityAfterFirst + 1, activity.Count);
            Assert.Equal("Microsoft.AzureArcData/sqlServerInstances/databases/delete", activity[^1].Operation);
        }

        Assert.Equal(journalAfterFirst + 1, database.CountRows("journal"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
