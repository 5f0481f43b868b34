using Akka.Actor;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Subscriptions;
using ArcActors.Dps.Projections;
using ArcActors.Node.Runtime;
using ArcActors.Tests.Contracts;
using Xunit;

namespace ArcActors.Tests.Dps;

public sealed class ProjectionSpecs : IDisposable
{
    private readonly string _folder = TestConfig.TempFolder("projection");

    [Fact]
    public async Task Projections_ResumeFromStoredOffsets()
    {
        using var data = DataFolder.Open(_folder);
        var first = (UploadInventory)Samples.All()[typeof(UploadInventory)];
        long offsetAfterFirst;
        int activityAfterFirst;
        await using (var node = await EmbeddedNode.StartAsync(data, TimeProvider.System, liveProjections: [], "WARNING"))
        {
            var registered = new Dictionary<string, bool> { [Providers.ArcData] = true };
            await new ProviderSync(node, Guid.Parse(Samples.Scope.SubscriptionId), TimeProvider.System).ApplyAsync(registered);
            await node.Dps.Ingress.Ask<UploadAccepted>(first, TimeSpan.FromSeconds(20));
            await node.Dps.CatchUpAsync(TimeSpan.FromSeconds(20));
            offsetAfterFirst = node.Store.GetOffset("inventory");
            Assert.True(offsetAfterFirst > 0);
            activityAfterFirst = node.Store.ListActivity().Count;
            Assert.Equal(3, activityAfterFirst); // the instance, its availability group and its one changed database
        }

        await using (var restarted = await EmbeddedNode.StartAsync(data, TimeProvider.System, liveProjections: [], "WARNING"))
        {
            await restarted.Dps.CatchUpAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(offsetAfterFirst, restarted.Store.GetOffset("inventory"));
            Assert.Equal(activityAfterFirst, restarted.Store.ListActivity().Count);

            var dropped = first with { UploadId = Guid.NewGuid(), CollectedAt = Samples.At.AddHours(1), ChangedDatabases = [], AllDatabaseNames = [] };
            var accepted = await restarted.Dps.Ingress.Ask<UploadAccepted>(dropped, TimeSpan.FromSeconds(20));
            await restarted.Dps.CatchUpAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(1, accepted.EventsPersisted);
            Assert.True(restarted.Store.GetOffset("inventory") > offsetAfterFirst);
            var activity = restarted.Store.ListActivity();
            Assert.Equal(activityAfterFirst + 1, activity.Count);
            Assert.Equal("Microsoft.AzureArcData/sqlServerInstances/databases/delete", activity[^1].Operation);
        }
    }

    [Fact]
    public async Task LiveProjection_ResumesAfterStoreOutage()
    {
        using var data = DataFolder.Open(_folder);
        await using var node = await EmbeddedNode.StartAsync(data, TimeProvider.System, liveProjections: [], "WARNING");
        var registered = new Dictionary<string, bool> { [Providers.ArcData] = true };
        await new ProviderSync(node, Guid.Parse(Samples.Scope.SubscriptionId), TimeProvider.System).ApplyAsync(registered);
        await node.Dps.Ingress.Ask<UploadAccepted>(Samples.All()[typeof(UploadInventory)], TimeSpan.FromSeconds(20));

        // The store is down for the first two attempts to read the offset, as when PostgreSQL restarts.
        var failures = 2;
        var runner = new ProjectionRunner(node.System, node.Store, tag =>
            Interlocked.Decrement(ref failures) >= 0 ? throw new InvalidOperationException("read store unavailable") : node.Store.GetOffset(tag));
        var streams = runner.StartLive(["inventory"]);
        try
        {
            await AwaitAsync(() => node.Store.GetOffset("inventory") > 0, TimeSpan.FromSeconds(30));

            Assert.True(failures < 0);
            Assert.NotEmpty(node.Store.ListActivity());
        }
        finally
        {
            foreach (var stream in streams)
            {
                stream.Shutdown();
            }
        }
    }

    private static async Task AwaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the condition did not hold within {timeout.TotalSeconds:0} s");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
