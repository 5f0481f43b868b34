using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using static ArcActors.ReadModel.Tests.Fixtures;

namespace ArcActors.ReadModel.Tests;

public class ActivityQueryTests : IDisposable
{
    private const string Projection = "inventory";
    private const string OtherSubscription = "9a0c7b1e-2f44-4d55-8e66-0123456789ab";
    private static readonly DateTimeOffset End = Start.AddDays(1);
    private readonly TempStore _temp;

    public ActivityQueryTests()
        : this(StoreProvider.Sqlite)
    {
    }

    protected ActivityQueryTests(StoreProvider provider) => _temp = new TempStore(provider);

    private ReadStore Store => _temp.Store;

    public void Dispose() => _temp.Dispose();

    private static ResourceChange InstanceWrite(string name = "sql-prod-01_SALES", string caller = "") =>
        new("sqlServerInstances", name, "write", [new PropertyChange("edition", "Standard", "Developer")], caller);

    private static ResourceChange DatabaseWrite(string database, string instance = "sql-prod-01_SALES") =>
        new("sqlServerInstances/databases", $"{instance}/{database}", "write", [new PropertyChange("state", "Offline", "Online")]);

    private void ApplyChanges(long offset, DateTimeOffset at, params ResourceChange[] changes) =>
        Store.ApplyBatch(Projection, Batch(offset, InventoryEvent(Instance(), at, changes: changes)));

    private static string DatabaseId(string database, string instance = "sql-prod-01_SALES") =>
        $"/subscriptions/{Scope.SubscriptionId}/resourceGroups/{Scope.ResourceGroup}/providers/Microsoft.AzureArcData/sqlServerInstances/{instance}/databases/{database}";

    [StoreFact]
    public void ActivityCaller_InventoryChangeNamesHostAgent()
    {
        Store.ApplyBatch(Projection, Batch(1, InventoryEvent(Instance(), Start, changes: [InstanceWrite()], hostName: "sql-east-09")));

        var row = Assert.Single(Store.ListActivity());
        Assert.Equal("host agent on sql-east-09", row.Caller);
    }

    [StoreFact]
    public void ActivityCaller_MachineChangeNamesMachine()
    {
        Store.ApplyBatch(Projection, Batch(1, MachineEvent(Machine(hostName: "sql-west-04"), Start)));

        var row = Assert.Single(Store.ListActivity());
        Assert.Equal(MachineId("sql-west-04"), row.ResourceId);
        Assert.Equal("host agent on sql-west-04", row.Caller);
    }

    [StoreFact]
    public void ActivityCaller_ApiPrincipalKept()
    {
        ApplyChanges(1, Start, InstanceWrite(caller: "admin@contoso.com"));

        var row = Assert.Single(Store.ListActivity());
        Assert.Equal("admin@contoso.com", row.Caller);
    }

    [StoreFact]
    public void ActivityCaller_WrittenToActivityLine()
    {
        ApplyChanges(1, Start, InstanceWrite(caller: "admin@contoso.com"));

        var line = SimulationOutput.ActivityLine(Assert.Single(Store.EnumerateActivity()));
        Assert.Equal("admin@contoso.com", line["caller"]!.GetValue<string>());
    }

    [StoreFact]
    public void ActivityQuery_TimeBoundsInclusive()
    {
        for (var hour = 0; hour < 4; hour++)
        {
            ApplyChanges(hour + 1, Start.AddHours(hour), InstanceWrite());
        }

        var rows = Store.QueryActivity(Start.AddHours(1), Start.AddHours(2), null, null, null, 10);

        Assert.Equal([Start.AddHours(1), Start.AddHours(2)], rows.Select(row => row.Time));
    }

    [StoreFact]
    public void ActivityQuery_EmptyWhenToBeforeFrom()
    {
        ApplyChanges(1, Start, InstanceWrite());

        Assert.Empty(Store.QueryActivity(Start.AddHours(1), Start, null, null, null, 10));
    }

    [StoreFact]
    public void ActivityQuery_SubscriptionFilterIgnoresCase()
    {
        ApplyChanges(1, Start, InstanceWrite());
        var otherScope = new ResourceScope(OtherSubscription, "other-rg", "westeurope");
        var otherEvent = new InstanceInventoryChanged(
            new InstanceKey(Guid.NewGuid(), "HR"), "sql-other-02", otherScope, Start, Instance("HR"), [], [], [InstanceWrite("sql-other-02_HR")]);
        Store.ApplyBatch(Projection, Batch(2, otherEvent));

        var rows = Store.QueryActivity(Start, End, null, OtherSubscription.ToUpperInvariant(), null, 10);

        var row = Assert.Single(rows);
        Assert.StartsWith($"/subscriptions/{OtherSubscription}/", row.ResourceId, StringComparison.Ordinal);
        Assert.Equal(2, Store.QueryActivity(Start, End, null, null, null, 10).Count);
    }

    [StoreFact]
    public void ActivityQuery_ResourceUriIncludesChildResources()
    {
        ApplyChanges(1, Start, InstanceWrite(), DatabaseWrite("orders"), InstanceWrite("sql-prod-01_SALES2"), DatabaseWrite("hr", "sql-prod-01_SALES2"));

        var ids = Store.QueryActivity(Start, End, InstanceId(), Scope.SubscriptionId, null, 10).Select(row => row.ResourceId).ToList();

        Assert.Equal([InstanceId(), DatabaseId("orders")], ids);
    }

    [StoreFact]
    public void ActivityQuery_ResourceUriIgnoresCase()
    {
        ApplyChanges(1, Start, InstanceWrite(), DatabaseWrite("orders"));

        var rows = Store.QueryActivity(Start, End, InstanceId().ToUpperInvariant() + "/", null, null, 10);

        Assert.Equal(2, rows.Count);
    }

    [StoreFact]
    public void ActivityQuery_ResourceGroupIdSelectsGroup()
    {
        ApplyChanges(1, Start, InstanceWrite(), DatabaseWrite("orders"));
        var groupId = $"/subscriptions/{Scope.SubscriptionId}/resourceGroups/{Scope.ResourceGroup}";

        Assert.Equal(2, Store.QueryActivity(Start, End, groupId, null, null, 10).Count);
        Assert.Empty(Store.QueryActivity(Start, End, groupId + "-other", null, null, 10));
    }

    [StoreFact]
    public void ActivityQuery_PagesInTimeThenIdOrder()
    {
        // Events applied out of time order, several changes per event, so id order and time order differ.
        ApplyChanges(1, Start.AddHours(2), InstanceWrite(), DatabaseWrite("a"));
        ApplyChanges(2, Start, DatabaseWrite("b"), DatabaseWrite("c"), DatabaseWrite("d"));
        ApplyChanges(3, Start.AddHours(1), DatabaseWrite("e"));
        var expected = Store.ListActivity().OrderBy(row => row.Time).ThenBy(row => row.Id).Select(row => row.Id).ToList();

        var pages = new List<IReadOnlyList<ActivityRow>>();
        long? afterId = null;
        while (true)
        {
            var page = Store.QueryActivity(Start, End, null, Scope.SubscriptionId, afterId, 2);
            if (page.Count == 0)
            {
                break;
            }

            pages.Add(page);
            afterId = page[^1].Id;
        }

        Assert.Equal(expected, pages.SelectMany(page => page).Select(row => row.Id));
        Assert.Equal(3, pages.Count);
        Assert.All(pages, page => Assert.True(page.Count <= 2));
    }

    [StoreFact]
    public void ActivityQuery_UnknownAfterIdRejected()
    {
        ApplyChanges(1, Start, InstanceWrite());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Store.QueryActivity(Start, End, null, null, 999, 10));
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public void ActivityQuery_SourceEventSharedWithinEvent()
    {
        ApplyChanges(7, Start, InstanceWrite(), DatabaseWrite("orders"));
        ApplyChanges(8, Start.AddHours(1), DatabaseWrite("orders"));

        var rows = Store.QueryActivity(Start, End, null, null, null, 10);

        Assert.Equal("inventory:7", rows[0].SourceEvent);
        Assert.Equal(rows[0].SourceEvent, rows[1].SourceEvent);
        Assert.Equal("inventory:8", rows[2].SourceEvent);
    }
}
