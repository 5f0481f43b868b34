using Akka.Configuration;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Dps.Inventory;
using ArcActors.Node.Runtime;
using ArcActors.Tests.Contracts;
using Xunit;

namespace ArcActors.Tests.Postgres;

public sealed class PostgresInstanceEntitySpecs
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [PostgresFact]
    public void InstanceEntity_RecoversFromPostgres()
    {
        using var database = PostgresDatabase.Create();
        var upload = Upload(Samples.Database());
        using (var first = new TestKit(Config(database)))
        {
            var entity = first.Sys.ActorOf(InstanceEntity.Props(Samples.Key.EntityId, first.CreateTestProbe().Ref));
            entity.Tell(upload, first.TestActor);
            Assert.Equal(1, first.ExpectMsg<UploadAccepted>(Timeout).EventsPersisted);
        }

        Assert.Equal(1, database.CountRows("journal"));

        using var second = new TestKit(Config(database));
        var recovered = second.Sys.ActorOf(InstanceEntity.Props(Samples.Key.EntityId, second.CreateTestProbe().Ref));

        recovered.Tell(upload with { UploadId = Guid.NewGuid() }, second.TestActor);
        Assert.Equal(0, second.ExpectMsg<UploadAccepted>(Timeout).EventsPersisted);

        var offline = Samples.Database() with { State = "Offline" };
        recovered.Tell(Upload(offline), second.TestActor);
        Assert.Equal(1, second.ExpectMsg<UploadAccepted>(Timeout).EventsPersisted);
        Assert.Equal(2, database.CountRows("journal"));
    }

    [PostgresFact]
    public void InstanceEntity_NoEventForUnchangedUpload()
    {
        using var database = PostgresDatabase.Create();
        using var kit = new TestKit(Config(database));
        var entity = kit.Sys.ActorOf(InstanceEntity.Props(Samples.Key.EntityId, kit.CreateTestProbe().Ref));
        var upload = Upload(Samples.Database());

        entity.Tell(upload, kit.TestActor);
        Assert.Equal(1, kit.ExpectMsg<UploadAccepted>(Timeout).EventsPersisted);

        entity.Tell(upload with { UploadId = Guid.NewGuid() }, kit.TestActor);
        Assert.Equal(0, kit.ExpectMsg<UploadAccepted>(Timeout).EventsPersisted);

        entity.Tell(upload, kit.TestActor);
        Assert.Equal(0, kit.ExpectMsg<UploadAccepted>(Timeout).EventsPersisted);
        Assert.Equal(1, database.CountRows("journal"));
    }

    private static Config Config(PostgresDatabase database) =>
        ConfigurationFactory.ParseString("""
            akka.actor.serialize-messages = on
            akka.loglevel = WARNING
            """).WithFallback(AkkaConfig.Embedded(AkkaConfig.Postgres, database.ConnectionString, "WARNING"));

    private static UploadInventory Upload(DatabaseSnapshot? database) =>
        new(Guid.NewGuid(), Samples.Key, "db-east-02", Samples.Scope, Samples.At, Samples.Instance(),
            database is null ? [] : [database], database is null ? [] : [database.Name]);
}
