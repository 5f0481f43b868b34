using System.Text.Json.Nodes;
using ArcActors.Contracts.Billing;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Inventory;
using static ArcActors.ReadModel.Tests.Fixtures;

namespace ArcActors.ReadModel.Tests;

public class ReadStoreTests : IDisposable
{
    private const string Projection = "inventory";
    private readonly TempStore _temp;

    public ReadStoreTests()
        : this(StoreProvider.Sqlite)
    {
    }

    protected ReadStoreTests(StoreProvider provider) => _temp = new TempStore(provider);

    private ReadStore Store => _temp.Store;

    public void Dispose() => _temp.Dispose();

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    [StoreFact]
    public void ReadStore_UnicodeDatabaseNamesRoundTrip()
    {
        string[] names = ["αβγ ΔΕ", "ಠ_ಠ", "O'Brien [eu] data", "party 🎉"];
        Store.ApplyBatch(Projection, Batch(1,
            MachineEvent(Machine(), Start),
            InventoryEvent(Instance(), Start, names.Select(name => Database(name)).ToList())));

        foreach (var name in names)
        {
            var id = InstanceId() + "/databases/" + name;
            var database = Store.GetResource(id);
            Assert.NotNull(database);
            Assert.Equal(id, Text(database["id"]));
            Assert.Equal(name, Text(database["name"]));
            Assert.Equal("Microsoft.AzureArcData/sqlServerInstances/databases", Text(database["type"]));
        }

        var instance = Store.GetResource(InstanceId());
        Assert.NotNull(instance);
        Assert.Equal("sql-prod-01_SALES", Text(instance["name"]));
        Assert.Equal("SQL Server 2022", Text(instance["properties"]!["version"]));
        Assert.Equal(MachineId(), Text(instance["properties"]!["containerResourceId"]));
        Assert.Equal("8", Text(instance["properties"]!["cores"]));
        Assert.Equal(names.Length, Store.GetCounts().Databases);
    }

    [StoreFact]
    public void ReadStore_ReplayAtOldOffsetChangesNothing()
    {
        var first = Batch(1, MachineEvent(Machine(), Start), InventoryEvent(Instance(), Start, [Database("orders")]));
        Store.ApplyBatch(Projection, first);
        var resourcesBefore = Store.ListResources().Select(resource => resource.ToJsonString()).ToList();
        var activityBefore = Store.ListActivity().Count;

        var changedReplay = Batch(1,
            MachineEvent(Machine(logicalProcessors: 32), Start.AddHours(1)),
            InventoryEvent(Instance(edition: "Enterprise"), Start.AddHours(1), [Database("other")],
                changes: [new ResourceChange("sqlServerInstances", "sql-prod-01_SALES", "write", [new PropertyChange("edition", "Standard", "Enterprise")])]));
        Store.ApplyBatch(Projection, first);
        Store.ApplyBatch(Projection, changedReplay);

        Assert.Equal(resourcesBefore, Store.ListResources().Select(resource => resource.ToJsonString()).ToList());
        Assert.Equal(activityBefore, Store.ListActivity().Count);
        Assert.Equal(2, Store.GetOffset(Projection));
    }

    [StoreFact]
    public void ReadStore_RemovedDatabaseDeletedAndLogged()
    {
        Store.ApplyBatch(Projection, Batch(1, InventoryEvent(Instance(), Start, [Database("orders"), Database("staging")])));

        var removal = InventoryEvent(null, Start.AddHours(2), removed: ["staging"],
            changes: [new ResourceChange("sqlServerInstances/databases", "sql-prod-01_SALES/staging", "delete", [])]);
        Store.ApplyBatch(Projection, Batch(2, removal));

        var stagingId = InstanceId() + "/databases/staging";
        Assert.Null(Store.GetResource(stagingId));
        Assert.NotNull(Store.GetResource(InstanceId() + "/databases/orders"));

        var delete = Assert.Single(Store.ListActivity(), row => row.ResourceId == stagingId);
        Assert.Equal("Microsoft.AzureArcData/sqlServerInstances/databases/delete", delete.Operation);
        Assert.Equal(Start.AddHours(2), delete.Time);
    }

    [StoreFact]
    public void ReadStore_SecondUsageForHourReplacesLines()
    {
        var hour = Start.AddHours(10);
        Store.ApplyBatch("billing", Batch(1, UsageEvent(hour, new BillingLine("Std edition - PAYG", 4, "Standard", "PAYG", "SALES"))));
        Store.ApplyBatch("billing", Batch(2, UsageEvent(hour, new BillingLine("Dev edition", 4, "Developer", "PAYG", "SALES"))));
        Store.ApplyBatch("billing", Batch(3, UsageEvent(hour, new BillingLine("Std edition - PAYG", 4, "Standard", "PAYG", "SALES"))));

        var rows = Store.ListBilling();
        var row = Assert.Single(rows);
        Assert.Equal("Std edition - PAYG", row.Meter);
        Assert.Equal(hour, row.HourStart);
        Assert.Equal(Host, row.Machine);
        Assert.Equal(4, Store.GetCounts().BilledCoresByMeter["Std edition - PAYG"]);
    }

    [StoreFact]
    public void ReadStore_UsageForOtherHourAdds()
    {
        Store.ApplyBatch("billing", Batch(1,
            UsageEvent(Start, new BillingLine("Std edition - PAYG", 8, "Standard", "PAYG", "APP")),
            UsageEvent(Start.AddHours(1), new BillingLine("Std edition - PAYG", 8, "Standard", "PAYG", "APP"))));

        var rows = Store.ListBilling();
        Assert.Equal(2, rows.Count);
        Assert.Equal([Start, Start.AddHours(1)], rows.Select(row => row.HourStart));
        Assert.Equal(16, Store.GetCounts().BilledCoresByMeter["Std edition - PAYG"]);
    }

    [StoreFact]
    public void ReadStore_MachineChangeRerendersInstance()
    {
        Store.ApplyBatch(Projection, Batch(1, MachineEvent(Machine(logicalProcessors: 8, licenseType: "Paid"), Start), InventoryEvent(Instance(), Start)));
        var before = Store.GetResource(InstanceId())!;
        Assert.Equal("8", Text(before["properties"]!["cores"]));
        Assert.Equal("Paid", Text(before["properties"]!["licenseType"]));

        Store.ApplyBatch(Projection, Batch(3, MachineEvent(Machine(logicalProcessors: 16, licenseType: "PAYG"), Start.AddHours(3))));

        var after = Store.GetResource(InstanceId())!;
        Assert.Equal("16", Text(after["properties"]!["cores"]));
        Assert.Equal("PAYG", Text(after["properties"]!["licenseType"]));
        Assert.Equal("2026-11-30T03:00:00Z", Text(after["systemData"]!["lastModifiedAt"]));
        Assert.Equal("2026-11-30T00:00:00Z", Text(after["systemData"]!["createdAt"]));
    }

    [StoreFact]
    public void ReadStore_InstanceBeforeMachineGetsCoresLater()
    {
        Store.ApplyBatch(Projection, Batch(1, InventoryEvent(Instance(), Start)));
        Assert.Equal("", Text(Store.GetResource(InstanceId())!["properties"]!["cores"]));

        Store.ApplyBatch("machines", Batch(1, MachineEvent(Machine(logicalProcessors: 12), Start.AddMinutes(1))));

        Assert.Equal("12", Text(Store.GetResource(InstanceId())!["properties"]!["cores"]));
    }

    [StoreFact]
    public void ReadStore_PhysicalServerBillsPhysicalCores()
    {
        var server = Machine() with { Manufacturer = "Dell Inc.", Model = "PowerEdge R650", LogicalProcessors = 32, PhysicalCores = 16 };
        Store.ApplyBatch(Projection, Batch(1, MachineEvent(server, Start), InventoryEvent(Instance(name: "MSSQLSERVER", edition: "Enterprise"), Start, instanceName: "MSSQLSERVER")));

        var instance = Store.GetResource(MachineId().Replace("Microsoft.HybridCompute/machines", "Microsoft.AzureArcData/sqlServerInstances"))!;
        Assert.Equal("16", Text(instance["properties"]!["cores"]));
        Assert.Equal("Physical Server", Text(instance["properties"]!["hostType"]));
        Assert.Equal(Host, Text(instance["name"]));
    }

    [StoreFact]
    public void ReadStore_RenameMovesInstanceResources()
    {
        Store.ApplyBatch(Projection, Batch(1, MachineEvent(Machine(), Start), InventoryEvent(Instance(), Start, [Database("orders")])));

        Store.ApplyBatch(Projection, Batch(3, MachineEvent(Machine(hostName: "sql-prod-01b"), Start.AddHours(4))));

        Assert.Null(Store.GetResource(InstanceId()));
        Assert.Null(Store.GetResource(MachineId()));
        Assert.NotNull(Store.GetResource(MachineId("sql-prod-01b")));
        Assert.NotNull(Store.GetResource(InstanceId(hostName: "sql-prod-01b")));
        Assert.NotNull(Store.GetResource(InstanceId(hostName: "sql-prod-01b") + "/databases/orders"));
        Assert.Equal(1, Store.GetCounts().Instances);
    }

    [StoreFact]
    public void ReadStore_ResourceLookupIgnoresCase()
    {
        Store.ApplyBatch(Projection, Batch(1, InventoryEvent(Instance(), Start, [Database("orders")])));

        var upper = Store.GetResource(InstanceId().ToUpperInvariant());
        var lower = Store.GetResource((InstanceId() + "/databases/orders").ToLowerInvariant());

        Assert.NotNull(upper);
        Assert.Equal(InstanceId(), Text(upper["id"]));
        Assert.NotNull(lower);
        Assert.Equal("orders", Text(lower["name"]));
    }

    [StoreFact]
    public void ReadStore_ReopenKeepsOffsetsAndResources()
    {
        Store.ApplyBatch(Projection, Batch(41, InventoryEvent(Instance(), Start)));
        Store.ApplyBatch("billing", Batch(7, UsageEvent(Start, new BillingLine("Std edition - PAYG", 4, "Standard", "PAYG", "SALES"))));

        var reopened = _temp.Reopen();

        Assert.Equal(41, reopened.GetOffset(Projection));
        Assert.Equal(7, reopened.GetOffset("billing"));
        Assert.Equal(0, reopened.GetOffset("never-ran"));
        Assert.NotNull(reopened.GetResource(InstanceId()));
    }

    [StoreFact]
    public void ReadStore_AvailabilityGroupsFollowSnapshot()
    {
        var group = new AvailabilityGroupSnapshot
        {
            AvailabilityGroupId = Guid.Parse("00000000-1111-2222-3333-444444444444"),
            Name = "ag-sales",
            LocalRole = "PRIMARY",
            PrimaryReplica = "sql-prod-01\\SALES",
            Replicas = [new AvailabilityReplicaSnapshot("sql-prod-01\\SALES", "PRIMARY", "SYNCHRONOUS_COMMIT", "AUTOMATIC", "NO", "HEALTHY", "CONNECTED")],
            Databases = [new AvailabilityDatabaseSnapshot("orders", "sql-prod-01\\SALES", true, true, "SYNCHRONIZED", "HEALTHY", "ONLINE", false)],
        };
        Store.ApplyBatch(Projection, Batch(1, InventoryEvent(Instance() with { AvailabilityGroups = [group] }, Start)));
        var groupId = InstanceId() + "/availabilityGroups/ag-sales";

        var rendered = Store.GetResource(groupId)!;
        Assert.Equal("00000000-1111-2222-3333-444444444444", Text(rendered["properties"]!["availabilityGroupId"]));
        Assert.Equal("SALES", Text(rendered["properties"]!["instanceName"]));
        Assert.Equal("orders", Text(rendered["properties"]!["databases"]!["value"]![0]!["databaseName"]));

        Store.ApplyBatch(Projection, Batch(2, InventoryEvent(Instance(), Start.AddHours(1))));
        Assert.Null(Store.GetResource(groupId));
    }

    [StoreFact]
    public void ReadStore_LastSeenOverlaysUploadTimes()
    {
        Store.ApplyBatch(Projection, Batch(1, MachineEvent(Machine(), Start), InventoryEvent(Instance(), Start, [Database("orders")])));

        Store.RecordLastSeen(VmId, "", Start.AddHours(5), Start.AddHours(12));
        Store.RecordLastSeen(VmId, InstanceId(), Start.AddHours(6), null);
        Store.RecordLastSeen(VmId, InstanceId(), Start.AddHours(1), null);

        var instance = Store.GetResource(InstanceId())!;
        Assert.Equal("2026-11-30T06:00:00Z", Text(instance["properties"]!["lastInventoryUploadTime"]));
        Assert.Equal("2026-11-30T12:00:00Z", Text(instance["properties"]!["lastUsageUploadTime"]));
        var database = Store.ListResources("Microsoft.AzureArcData/sqlServerInstances/databases").Single();
        Assert.Equal("2026-11-30T06:00:00Z", Text(database["properties"]!["lastDatabaseUploadTime"]));
    }

    [StoreFact]
    public void ReadStore_UnchangedInventoryKeepsModifiedTime()
    {
        Store.ApplyBatch(Projection, Batch(1, InventoryEvent(Instance(), Start, [Database("orders")])));

        Store.ApplyBatch(Projection, Batch(2, InventoryEvent(null, Start.AddHours(1), [Database("orders", state: "Offline")])));

        var orders = Store.GetResource(InstanceId() + "/databases/orders")!;
        var instance = Store.GetResource(InstanceId())!;
        Assert.Equal("Offline", Text(orders["properties"]!["state"]));
        Assert.Equal("2026-11-30T01:00:00Z", Text(orders["systemData"]!["lastModifiedAt"]));
        Assert.Equal("2026-11-30T00:00:00Z", Text(instance["systemData"]!["lastModifiedAt"]));
    }

    [StoreFact]
    public void ReadStore_DeletedInstanceRemovesChildren()
    {
        Store.ApplyBatch(Projection, Batch(1, InventoryEvent(Instance(), Start, [Database("orders")])));

        Store.ApplyBatch(Projection, Batch(2, InventoryEvent(null, Start.AddHours(1),
            changes: [new ResourceChange("sqlServerInstances", "sql-prod-01_SALES", "delete", [])])));

        Assert.Empty(Store.ListResources());
        var delete = Assert.Single(Store.ListActivity());
        Assert.Equal("Microsoft.AzureArcData/sqlServerInstances/delete", delete.Operation);
    }

    [StoreFact]
    public void ReadStore_ActivityRecordsPropertyChanges()
    {
        var change = new ResourceChange("sqlServerInstances", "sql-prod-01_SALES", "write", [new PropertyChange("edition", "Standard", "Developer")]);
        Store.ApplyBatch(Projection, Batch(5, InventoryEvent(Instance(edition: "Developer"), Start.AddHours(10), changes: [change])));

        var row = Assert.Single(Store.ListActivity());
        Assert.Equal(InstanceId(), row.ResourceId);
        Assert.Equal("Microsoft.AzureArcData/sqlServerInstances/write", row.Operation);
        Assert.Equal([new PropertyChange("edition", "Standard", "Developer")], row.Changes);
        Assert.Equal("Developer", Text(Store.GetResource(InstanceId())!["properties"]!["edition"]));
    }
}
