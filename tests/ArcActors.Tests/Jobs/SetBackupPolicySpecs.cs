using Akka.Actor;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;
using ArcActors.Host.Jobs;
using ArcActors.Host.Relay;
using ArcActors.Simulation;
using Xunit;

namespace ArcActors.Tests.Jobs;

/// <summary>SetBackupPolicy jobs on the host: the policy lands in the ledger file once however often it is delivered, and an older job never replaces a newer policy.</summary>
public sealed class SetBackupPolicySpecs : TestKit, IDisposable
{
    private static readonly BackupPolicy Policy = new(7, 7, 24, 5);

    private readonly string _folder = TestConfig.TempFolder("set-backup-policy");
    private readonly FleetState _state = BackupScheduleFleet.Load();
    private readonly Guid _vmId;

    public SetBackupPolicySpecs() : base(TestConfig.Embedded(Path.Combine(Path.GetTempPath(), $"unused-{Guid.NewGuid():N}.db")))
    {
        _vmId = _state.Hosts.Single().VmId;
    }

    private string LedgerPath => Path.Combine(_folder, "host-jobs.db");

    [Fact]
    public void SetBackupPolicy_DeliveredTwiceStoredOnce()
    {
        using var ledger = new JobLedger(LedgerPath);
        using var store = new BackupPolicyStore(LedgerPath);
        var link = CreateTestProbe();
        var listener = StartListener(link, ledger, store);
        var job = Job(Policy, DateTimeOffset.UtcNow);
        var pull = link.ExpectMsg<PullJobs>();

        listener.Tell(new JobsDelivery(pull.RequestId, _vmId, [job]), link.Ref);
        link.ExpectMsg<ReportJob>();
        var ended = link.ExpectMsg<ReportJob>();
        listener.Tell(new JobsDelivery(Guid.NewGuid(), _vmId, [job]), link.Ref);
        var again = link.ExpectMsg<ReportJob>();

        Assert.Equal(JobState.Succeeded, ended.State);
        Assert.Equal(JobState.Succeeded, again.State);
        var stored = Assert.Single(store.List(_vmId));
        Assert.Equal(BackupScheduleFleet.Standalone, stored.InstanceName);
        Assert.Equal(Policy, stored.Policy);
    }

    [Fact]
    public async Task SetBackupPolicy_RunTwiceKeepsOneRow()
    {
        using var store = new BackupPolicyStore(LedgerPath);
        var handler = new SetBackupPolicyJobHandler(store);
        var job = Job(Policy, DateTimeOffset.UtcNow);
        var machine = await new SimulatedDiscoverySource(_state, _vmId).DescribeMachineAsync(CancellationToken.None);

        var first = await handler.RunAsync(new JobRun(job, 1, machine), CancellationToken.None);
        var second = await handler.RunAsync(new JobRun(job, 2, machine), CancellationToken.None);

        Assert.Equal(JobState.Succeeded, first.State);
        Assert.Equal(JobState.Succeeded, second.State);
        Assert.Equal(Policy, Assert.Single(store.List(_vmId)).Policy);
    }

    [Fact]
    public async Task SetBackupPolicy_OlderJobDoesNotReplaceNewer()
    {
        using var store = new BackupPolicyStore(LedgerPath);
        var handler = new SetBackupPolicyJobHandler(store);
        var machine = await new SimulatedDiscoverySource(_state, _vmId).DescribeMachineAsync(CancellationToken.None);
        var newer = Job(Policy with { RetentionPeriodDays = 14 }, DateTimeOffset.Parse("2026-11-25T10:00:00Z"));
        var older = Job(Policy, DateTimeOffset.Parse("2026-11-25T09:00:00Z"));

        await handler.RunAsync(new JobRun(newer, 1, machine), CancellationToken.None);
        var outcome = await handler.RunAsync(new JobRun(older, 1, machine), CancellationToken.None);

        Assert.Equal(JobState.Succeeded, outcome.State);
        Assert.Equal(14, Assert.Single(store.List(_vmId)).Policy.RetentionPeriodDays);
    }

    [Fact]
    public async Task SetBackupPolicy_EmptyPolicyRemovesIt()
    {
        using var store = new BackupPolicyStore(LedgerPath);
        var handler = new SetBackupPolicyJobHandler(store);
        var machine = await new SimulatedDiscoverySource(_state, _vmId).DescribeMachineAsync(CancellationToken.None);

        await handler.RunAsync(new JobRun(Job(Policy, DateTimeOffset.Parse("2026-11-25T09:00:00Z")), 1, machine), CancellationToken.None);
        await handler.RunAsync(new JobRun(Job(null, DateTimeOffset.Parse("2026-11-25T10:00:00Z")), 1, machine), CancellationToken.None);

        Assert.Empty(store.List(_vmId));
    }

    [Fact]
    public async Task SetBackupPolicy_InvalidPolicyFailsJob()
    {
        using var store = new BackupPolicyStore(LedgerPath);
        var handler = new SetBackupPolicyJobHandler(store);
        var machine = await new SimulatedDiscoverySource(_state, _vmId).DescribeMachineAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<JobInputException>(() =>
            handler.RunAsync(new JobRun(Job(Policy with { DifferentialBackupHours = 6 }, DateTimeOffset.UtcNow), 1, machine), CancellationToken.None));

        Assert.Contains("differentialBackupHours 6", error.Message, StringComparison.Ordinal);
        Assert.Empty(store.List(_vmId));
    }

    private IActorRef StartListener(Akka.TestKit.TestProbe link, JobLedger ledger, BackupPolicyStore store)
    {
        var handlers = new Dictionary<string, IJobHandler> { [JobKinds.SetBackupPolicy] = new SetBackupPolicyJobHandler(store) };
        var source = new SimulatedDiscoverySource(_state, _vmId);
        var settings = new RelaySettings { PollInterval = TimeSpan.FromMinutes(10) };
        return Sys.ActorOf(RelayListener.Props(_vmId, link.Ref, ledger, handlers, source, settings, TimeProvider.System));
    }

    private JobCommand Job(BackupPolicy? policy, DateTimeOffset queuedAt) =>
        new(Guid.NewGuid(), _vmId, JobKinds.SetBackupPolicy, BackupScheduleFleet.Standalone,
            new Dictionary<string, string> { ["policy"] = BackupPolicyJson.Write(policy) }, queuedAt, TimeSpan.FromDays(1), "alice");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
