using System.Text.Json.Nodes;
using static ArcActors.ReadModel.Tests.Fixtures;

namespace ArcActors.ReadModel.Tests;

/// <summary>The machines and inventory projections run independently; the store must end the same in either order.</summary>
public class ProjectionOrderTests : IDisposable
{
    private readonly TempStore _machineFirst;
    private readonly TempStore _inventoryFirst;

    public ProjectionOrderTests()
        : this(StoreProvider.Sqlite)
    {
    }

    protected ProjectionOrderTests(StoreProvider provider)
    {
        _machineFirst = new TempStore(provider);
        _inventoryFirst = new TempStore(provider);
    }

    [StoreFact]
    public void ReadStore_SameResultWhateverProjectionOrder()
    {
        var machine = MachineEvent(Machine(), Start);
        var created = InventoryEvent(Instance(), Start, [Database("orders")]);
        var downgraded = InventoryEvent(Instance(edition: "Developer"), Start.AddHours(10));

        _machineFirst.Store.ApplyBatch("machines", Batch(1, machine));
        _machineFirst.Store.ApplyBatch("inventory", Batch(2, created, downgraded));
        _inventoryFirst.Store.ApplyBatch("inventory", Batch(2, created, downgraded));
        _inventoryFirst.Store.ApplyBatch("machines", Batch(1, machine));

        var expected = _machineFirst.Store.ListResources().Select(resource => resource.ToJsonString()).ToList();
        var actual = _inventoryFirst.Store.ListResources().Select(resource => resource.ToJsonString()).ToList();
        Assert.Equal(expected, actual);
        var instance = _inventoryFirst.Store.GetResource(InstanceId())!;
        Assert.Equal("2026-11-30T10:00:00Z", instance["systemData"]!["lastModifiedAt"]!.GetValue<string>());
        Assert.Equal("8", instance["properties"]!["cores"]!.GetValue<string>());
    }

    public void Dispose()
    {
        _machineFirst.Dispose();
        _inventoryFirst.Dispose();
    }
}
