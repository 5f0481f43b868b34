using Akka.Actor;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Dps.Inventory;
using ArcActors.Tests.Contracts;
using Xunit;

namespace ArcActors.Tests.Dps;

public sealed class InstanceEntitySpecs : IDisposable
{
    private readonly string _folder = TestConfig.TempFolder("entity");

    private string JournalPath => Path.Combine(_folder, "journal.db");

    [Fact]
    public void InstanceEntity_PersistsOnlyRealChanges()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = kit.Sys.ActorOf(InstanceEntity.Props(Samples.Key.EntityId, kit.CreateTestProbe().Ref));
        var upload = Upload(Samples.Database());

        entity.Tell(upload, kit.TestActor);
        Assert.Equal(1, kit.ExpectMsg<UploadAccepted>(TimeSpan.FromSeconds(10)).EventsPersisted);

        entity.Tell(upload with { UploadId = Guid.NewGuid() }, kit.TestActor);
        Assert.Equal(0, kit.ExpectMsg<UploadAccepted>(TimeSpan.FromSeconds(10)).EventsPersisted);

        entity.Tell(upload, kit.TestActor);
        Assert.Equal(0, kit.ExpectMsg<UploadAccepted>(TimeSpan.FromSeconds(10)).EventsPersisted);
    }

    [Fact]
    public void InstanceEntity_RecoversFromSqliteFile()
    {
        var upload = Upload(Samples.Database());
        using (var first = new TestKit(TestConfig.Embedded(JournalPath)))
        {
            var entity = first.Sys.ActorOf(InstanceEntity.Props(Samples.Key.EntityId, first.CreateTestProbe().Ref));
            entity.Tell(upload, first.TestActor);
            Assert.Equal(1, first.ExpectMsg<UploadAccepted>(TimeSpan.FromSeconds(10)).EventsPersisted);
        }

        using var second = new TestKit(TestConfig.Embedded(JournalPath));
        var recovered = second.Sys.ActorOf(InstanceEntity.Props(Samples.Key.EntityId, second.CreateTestProbe().Ref));

        recovered.Tell(upload with { UploadId = Guid.NewGuid() }, second.TestActor);
        Assert.Equal(0, second.ExpectMsg<UploadAccepted>(TimeSpan.FromSeconds(10)).EventsPersisted);

        var offline = Samples.Database() with { State = "Offline" };
        recovered.Tell(Upload(offline), second.TestActor);
        Assert.Equal(1, second.ExpectMsg<UploadAccepted>(TimeSpan.FromSeconds(10)).EventsPersisted);
    }

    [Fact]
    public void InstanceState_RemovesDatabaseMissingFromNames()
    {
        var state = new InstanceState();
        state.Apply(state.Decide(Upload(Samples.Database()))!);

        var dropped = state.Decide(Upload(null) with { AllDatabaseNames = [] })!;

        Assert.Equal(["O'Brien [eu] data"], dropped.RemovedDatabases);
        Assert.Equal("delete", Assert.Single(dropped.Changes).Operation);
    }

    private static UploadInventory Upload(DatabaseSnapshot? database) =>
        new(Guid.NewGuid(), Samples.Key, "db-east-02", Samples.Scope, Samples.At, Samples.Instance(),
            database is null ? [] : [database], database is null ? [] : [database.Name]);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
