using ArcActors.Contracts.Events;
using ArcActors.Contracts.Jobs;
using Xunit;
using static ArcActors.ReadModel.Tests.Fixtures;

namespace ArcActors.ReadModel.Tests;

/// <summary>Job changes in the activity log: instance jobs and machine jobs are logged under their own resource and operation.</summary>
public class JobActivityTests : IDisposable
{
    private readonly TempStore _temp;

    public JobActivityTests()
        : this(StoreProvider.Sqlite)
    {
    }

    protected JobActivityTests(StoreProvider provider) => _temp = new TempStore(provider);

    [StoreTheory]
    [InlineData("", "Microsoft.HybridCompute/machines/jobs/write")]
    [InlineData("SALES", "Microsoft.AzureArcData/sqlServerInstances/jobs/write")]
    public void JobActivity_LoggedUnderItsResource(string instanceName, string operation)
    {
        _temp.Store.ApplyBatch(EventTags.Machines, Batch(1, MachineEvent(Machine(), Start)));
        _temp.Store.ApplyBatch(EventTags.Inventory, Batch(1, InventoryEvent(Instance(), Start, [Database("orders")])));
        var job = new JobCommand(Guid.NewGuid(), VmId, JobKinds.Deploy, instanceName, new Dictionary<string, string>(), Start, TimeSpan.FromHours(1), "alice");

        _temp.Store.ApplyBatch(EventTags.Jobs, Batch(1, new JobQueued(job)));

        var row = Assert.Single(_temp.Store.ListActivity(), candidate => candidate.Operation.EndsWith("/jobs/write", StringComparison.Ordinal));
        Assert.Equal(operation, row.Operation);
        Assert.Equal(instanceName.Length == 0 ? MachineId() : InstanceId(), row.ResourceId);
        Assert.Equal("alice", row.Caller);
    }

    public void Dispose() => _temp.Dispose();
}
