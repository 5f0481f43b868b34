using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using ArcActors.Arm;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Licenses;
using ArcActors.Dps.Licenses;
using ArcActors.Node.Runtime;
using ArcActors.ReadModel;
using Xunit;

namespace ArcActors.Tests.Dps;

public sealed class LicenseEntitySpecs : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ResourceScope Scope = new("3b55f041-58d7-4307-b59a-c390da3fb077", "licenses-rg", "northeurope");
    private static readonly string LicenseId = ResourceIds.License(Scope, "core-pool");

    private readonly string _folder = TestConfig.TempFolder("license");

    private string JournalPath => Path.Combine(_folder, "journal.db");

    [Fact]
    public void LicenseEntity_PutCreatesThenReplaces()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);

        var created = Send(kit, entity, Put(Properties("Deactivated"), At));
        Assert.Equal(LicenseOutcome.Created, created.Outcome);
        Assert.Equal(24, created.License!.Properties.PhysicalCores);
        Assert.Equal("alice", created.License.CreatedBy);

        var replaced = Send(kit, entity, Put(Properties("Deactivated") with { PhysicalCores = 32, BillingPlan = "Paid" }, At.AddHours(1), "bob"));
        Assert.Equal(LicenseOutcome.Updated, replaced.Outcome);
        Assert.Equal(32, replaced.License!.Properties.PhysicalCores);
        Assert.Equal("Paid", replaced.License.Properties.BillingPlan);
        Assert.Equal(At, replaced.License.CreatedAt);
        Assert.Equal("alice", replaced.License.CreatedBy);
        Assert.Equal(At.AddHours(1), replaced.License.LastModifiedAt);
        Assert.Equal("bob", replaced.License.LastModifiedBy);
    }

    [Fact]
    public void LicenseEntity_IdenticalPutPersistsNothing()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);
        var put = Put(Properties("Activated"), At);

        var first = Send(kit, entity, put);
        var second = Send(kit, entity, put with { At = At.AddHours(2), Caller = "bob" });

        Assert.Equal(LicenseOutcome.Updated, second.Outcome);
        Assert.Equal(first.License!.LastModifiedAt, second.License!.LastModifiedAt);
        Assert.Equal("alice", second.License.LastModifiedBy);
        Assert.Equal(1, JournalEventCount());
    }

    [Fact]
    public void LicenseEntity_PatchMergesProperties()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);
        Send(kit, entity, Put(Properties("Deactivated"), At));

        var tags = new Dictionary<string, string> { ["cost-center"] = "42" };
        var patched = Send(kit, entity, new PatchLicense(LicenseId, tags, new LicensePatch(PhysicalCores: 48), At.AddHours(1), "bob"));

        Assert.Equal(LicenseOutcome.Updated, patched.Outcome);
        Assert.Equal(48, patched.License!.Properties.PhysicalCores);
        Assert.Equal("PAYG", patched.License.Properties.BillingPlan);
        Assert.Equal("Subscription", patched.License.Properties.ScopeType);
        Assert.Equal("42", patched.License.Tags["cost-center"]);
    }

    [Fact]
    public void LicenseEntity_PatchOfAbsentLicenseIsNotFound()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);

        var reply = Send(kit, entity, new PatchLicense(LicenseId, null, new LicensePatch(PhysicalCores: 48), At, "bob"));

        Assert.Equal(LicenseOutcome.NotFound, reply.Outcome);
        Assert.Null(reply.License);
        Assert.Equal(0, JournalEventCount());
    }

    [Fact]
    public void LicenseEntity_DeleteRemovesThenFindsNothing()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);
        Send(kit, entity, Put(Properties("Activated"), At));

        var deleted = Send(kit, entity, new DeleteLicense(LicenseId, At.AddHours(1), "bob"));
        var again = Send(kit, entity, new DeleteLicense(LicenseId, At.AddHours(2), "bob"));
        var get = Send(kit, entity, new GetLicense(LicenseId));

        Assert.Equal(LicenseOutcome.Deleted, deleted.Outcome);
        Assert.Null(deleted.License);
        Assert.Equal(LicenseOutcome.NotFound, again.Outcome);
        Assert.Equal(LicenseOutcome.NotFound, get.Outcome);
        Assert.Equal(2, JournalEventCount());
    }

    [Fact]
    public void LicenseEntity_RecoversAfterRestart()
    {
        using (var first = new TestKit(TestConfig.Embedded(JournalPath)))
        {
            var entity = StartEntity(first);
            Send(first, entity, Put(Properties("Activated"), At));
            Send(first, entity, new PatchLicense(LicenseId, null, new LicensePatch(ActivationState: "Deactivated"), At.AddHours(3), "bob"));
        }

        using var second = new TestKit(TestConfig.Embedded(JournalPath));
        var recovered = Send(second, StartEntity(second), new GetLicense(LicenseId));

        Assert.Equal(LicenseOutcome.Found, recovered.Outcome);
        Assert.Equal("Deactivated", recovered.License!.Properties.ActivationState);
        Assert.Equal(At, recovered.License.Properties.LastActivatedAt);
        Assert.Equal(At.AddHours(3), recovered.License.Properties.LastDeactivatedAt);
        Assert.Equal("alice", recovered.License.CreatedBy);
    }

    [Fact]
    public void LicenseEntity_ActivationSetsTimestamps()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);

        var created = Send(kit, entity, Put(Properties("Deactivated"), At));
        Assert.Null(created.License!.Properties.LastActivatedAt);
        Assert.Null(created.License.Properties.LastDeactivatedAt);

        var activated = Send(kit, entity, new PatchLicense(LicenseId, null, new LicensePatch(ActivationState: "Activated"), At.AddHours(1), "bob"));
        Assert.Equal(At.AddHours(1), activated.License!.Properties.LastActivatedAt);
        Assert.Null(activated.License.Properties.LastDeactivatedAt);

        var resized = Send(kit, entity, new PatchLicense(LicenseId, null, new LicensePatch(PhysicalCores: 64), At.AddHours(2), "bob"));
        Assert.Equal(At.AddHours(1), resized.License!.Properties.LastActivatedAt);

        var deactivated = Send(kit, entity, Put(Properties("Deactivated"), At.AddHours(3)));
        Assert.Equal(At.AddHours(1), deactivated.License!.Properties.LastActivatedAt);
        Assert.Equal(At.AddHours(3), deactivated.License.Properties.LastDeactivatedAt);
    }

    [Fact]
    public void LicenseEntity_PutInOtherLocationIsRejected()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);
        Send(kit, entity, Put(Properties("Deactivated"), At));

        var moved = Put(Properties("Deactivated"), At.AddHours(1)) with { Scope = Scope with { Location = "eastus" } };
        var reply = Send(kit, entity, moved);

        Assert.Equal(LicenseOutcome.Rejected, reply.Outcome);
        Assert.Equal(LicenseEntity.InvalidLocationCode, reply.ErrorCode);
        Assert.Contains("eastus", reply.ErrorMessage);
        Assert.Equal("northeurope", reply.License!.Scope.Location);
    }

    [Fact]
    public void LicenseState_ChangesNameEachChangedProperty()
    {
        var state = new LicenseState();
        state.Apply(state.Decide(Put(Properties("Deactivated"), At))!);

        var written = state.Decide(new PatchLicense(LicenseId, null, new LicensePatch(PhysicalCores: 32), At.AddHours(1), "bob"))!;

        var change = Assert.Single(written.Changes);
        Assert.Equal("write", change.Operation);
        Assert.Equal("bob", change.Caller);
        var property = Assert.Single(change.Properties);
        Assert.Equal(new ArcActors.Contracts.Events.PropertyChange("physicalCores", "24", "32"), property);
    }

    [Fact]
    public void LicenseIds_LongIdIsHashedBelowColumnLimit()
    {
        var longId = ResourceIds.License(Scope, new string('n', 300));

        var entityId = LicenseIds.EntityId(longId);

        Assert.StartsWith("sha256-", entityId);
        Assert.True(LicenseIds.PersistenceId(entityId).Length <= 255);
        Assert.Equal(entityId, LicenseIds.EntityId(longId.ToUpperInvariant()));
        Assert.Equal(LicenseId.ToLowerInvariant(), LicenseIds.EntityId(LicenseId));
    }

    [Fact]
    public async Task LicenseCommands_WriteThroughShardingReachesReadStore()
    {
        using var data = DataFolder.Open(Path.Combine(_folder, "node"));
        await using var node = await EmbeddedNode.StartAsync(data, TimeProvider.System, liveProjections: [], "WARNING");
        var commands = new AkkaArmCommands(node.Dps, TimeProvider.System);
        var body = JsonNode.Parse("""
            {"location": "northeurope", "tags": {"team": "dba"},
             "properties": {"billingPlan": "payg", "physicalCores": 24, "licenseCategory": "Core", "scopeType": "Subscription", "activationState": "Activated"}}
            """)!.AsObject();
        var put = new LicenseWrite(LicenseId, Scope.SubscriptionId, Scope.ResourceGroup, "core-pool", Replace: true, body, "alice@contoso.com");

        var created = await commands.WriteLicenseAsync(put, CancellationToken.None);
        var replaced = await commands.WriteLicenseAsync(put, CancellationToken.None);
        await node.Dps.CatchUpAsync(Wait);
        var stored = node.Store.GetResource(LicenseId);

        Assert.Equal(201, created.Status);
        Assert.Equal(200, replaced.Status);
        Assert.Equal("PAYG", created.Resource!["properties"]!["billingPlan"]!.GetValue<string>());
        Assert.NotNull(stored);
        Assert.Equal(ResourceIds.LicenseType, stored["type"]!.GetValue<string>());
        Assert.Equal("dba", stored["tags"]!["team"]!.GetValue<string>());
        Assert.Contains(node.Store.ListActivity(), row => row.ResourceId == LicenseId && row.Caller == "alice@contoso.com");

        var deleted = await commands.DeleteLicenseAsync(LicenseId, "alice@contoso.com", CancellationToken.None);
        var deletedAgain = await commands.DeleteLicenseAsync(LicenseId, "alice@contoso.com", CancellationToken.None);
        await node.Dps.CatchUpAsync(Wait);

        Assert.Equal(200, deleted.Status);
        Assert.Equal(204, deletedAgain.Status);
        Assert.Null(node.Store.GetResource(LicenseId));
    }

    [Fact]
    public async Task LicenseCommands_InvalidBodyNeverReachesEntity()
    {
        using var data = DataFolder.Open(Path.Combine(_folder, "node"));
        await using var node = await EmbeddedNode.StartAsync(data, TimeProvider.System, liveProjections: [], "WARNING");
        var commands = new AkkaArmCommands(node.Dps, TimeProvider.System);
        var body = JsonNode.Parse("""{"properties": {"physicalCores": 17}}""")!.AsObject();
        var patch = new LicenseWrite(LicenseId, Scope.SubscriptionId, Scope.ResourceGroup, "core-pool", Replace: false, body, "alice");

        var rejected = await commands.WriteLicenseAsync(patch, CancellationToken.None);
        var absent = await commands.WriteLicenseAsync(patch with { Body = JsonNode.Parse("""{"properties": {"physicalCores": 18}}""")!.AsObject() },
            CancellationToken.None);

        Assert.Equal(400, rejected.Status);
        Assert.Contains("17", rejected.ErrorMessage);
        Assert.Equal(404, absent.Status);
        Assert.Equal("ResourceNotFound", absent.ErrorCode);
    }

    private static IActorRef StartEntity(TestKit kit) => kit.Sys.ActorOf(LicenseEntity.Props(LicenseIds.EntityId(LicenseId)));

    private static LicenseReply Send(TestKit kit, IActorRef entity, object command)
    {
        entity.Tell(command, kit.TestActor);
        return kit.ExpectMsg<LicenseReply>(Wait);
    }

    private static LicenseProperties Properties(string activationState) => new("PAYG", 24, "Core", "Subscription", activationState);

    private static PutLicense Put(LicenseProperties properties, DateTimeOffset at, string caller = "alice") =>
        new(LicenseId, Scope, "core-pool", new Dictionary<string, string> { ["team"] = "dba" }, properties, at, caller);

    // Counts the events in the SQLite journal, so a test sees what was persisted rather than what was replied.
    private int JournalEventCount()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={JournalPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", LicenseIds.PersistenceId(LicenseIds.EntityId(LicenseId)));
        return Convert.ToInt32(command.ExecuteScalar());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
