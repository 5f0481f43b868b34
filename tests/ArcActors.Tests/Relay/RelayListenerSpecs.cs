using Akka.Actor;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;
using ArcActors.Host.Relay;
using Xunit;

namespace ArcActors.Tests.Relay;

/// <summary>The host side of the relay: a job runs once per ledger, ended jobs are reported again rather than run, and a cut-off run starts again.</summary>
public sealed class RelayListenerSpecs : TestKit, IDisposable
{
    private static readonly Guid VmId = Guid.Parse("0c3c1f6e-0a3e-4b8e-9d1f-5a0d3b2f7e11");
    private readonly string _folder = TestConfig.TempFolder("relay-listener");
    private readonly CountingHandler _handler = new();

    public RelayListenerSpecs() : base(TestConfig.Embedded(Path.Combine(Path.GetTempPath(), $"unused-{Guid.NewGuid():N}.db")))
    {
    }

    private string LedgerPath => Path.Combine(_folder, "host-jobs.db");

    [Fact]
    public void RelayListener_RunsJobOnceAndReportsIt()
    {
        using var ledger = new JobLedger(LedgerPath);
        var link = CreateTestProbe();
        var listener = StartListener(link, ledger, "LicenseOnly");
        var job = Job(JobKinds.ReconcilePrivileges);
        var pull = link.ExpectMsg<PullJobs>();

        listener.Tell(new JobsDelivery(pull.RequestId, VmId, [job]), link.Ref);
        Assert.Equal(JobState.Running, link.ExpectMsg<ReportJob>().State);
        var ended = link.ExpectMsg<ReportJob>();
        listener.Tell(new JobsDelivery(Guid.NewGuid(), VmId, [job]), link.Ref);
        var again = link.ExpectMsg<ReportJob>();

        Assert.Equal(JobState.Succeeded, ended.State);
        Assert.Equal(JobState.Succeeded, again.State);
        Assert.Equal(1, _handler.Runs);
        listener.Tell(new JobReportAccepted(again.ReportId, job.JobId, JobState.Succeeded), link.Ref);
        AwaitAssert(() => Assert.True(ledger.Find(job.JobId)!.Acknowledged));
    }

    [Fact]
    public void RelayListener_StartsCutOffRunAgain()
    {
        var job = Job(JobKinds.ReconcilePrivileges);
        using (var crashed = new JobLedger(LedgerPath))
        {
            crashed.Start(job);
        }

        using var ledger = new JobLedger(LedgerPath);
        var link = CreateTestProbe();
        var listener = StartListener(link, ledger, "Paid");
        var pull = link.ExpectMsg<PullJobs>();

        listener.Tell(new JobsDelivery(pull.RequestId, VmId, [job]), link.Ref);

        Assert.Contains("attempt 2", link.ExpectMsg<ReportJob>().Message, StringComparison.Ordinal);
        Assert.Equal(JobState.Succeeded, link.ExpectMsg<ReportJob>().State);
        Assert.Equal(2, ledger.Find(job.JobId)!.Attempts);
    }

    [Fact]
    public void RelayListener_RefusesPaidFeatureOnLicenseOnlyHost()
    {
        using var ledger = new JobLedger(LedgerPath);
        var link = CreateTestProbe();
        var listener = StartListener(link, ledger, "LicenseOnly");
        var job = Job(JobKinds.BestPracticesAssessment);
        var pull = link.ExpectMsg<PullJobs>();

        listener.Tell(new JobsDelivery(pull.RequestId, VmId, [job]), link.Ref);
        link.ExpectMsg<ReportJob>();
        var ended = link.ExpectMsg<ReportJob>();

        Assert.Equal(JobState.Failed, ended.State);
        Assert.Contains("sql-lo-01", ended.Message, StringComparison.Ordinal);
        Assert.Contains("LicenseOnly", ended.Message, StringComparison.Ordinal);
        Assert.Contains("Paid or PAYG", ended.Message, StringComparison.Ordinal);
        Assert.Equal(0, _handler.Runs);
    }

    [Fact]
    public void RelayListener_SendsUnacknowledgedReportWithNextPull()
    {
        var job = Job(JobKinds.ReconcilePrivileges);
        using (var earlier = new JobLedger(LedgerPath))
        {
            earlier.Start(job);
            earlier.End(job.JobId, JobState.Failed, "login failed", "", DateTimeOffset.UtcNow);
        }

        using var ledger = new JobLedger(LedgerPath);
        var link = CreateTestProbe();
        StartListener(link, ledger, "Paid");

        var report = link.ExpectMsg<ReportJob>();
        Assert.Equal(job.JobId, report.JobId);
        Assert.Equal(JobState.Failed, report.State);
        link.ExpectMsg<PullJobs>();
        Assert.Equal(0, _handler.Runs);
    }

    private IActorRef StartListener(Akka.TestKit.TestProbe link, JobLedger ledger, string licenseType)
    {
        var handlers = new Dictionary<string, IJobHandler> { [JobKinds.ReconcilePrivileges] = _handler, [JobKinds.BestPracticesAssessment] = _handler };
        var source = new MachineOnlySource(new MachineSnapshot { VmId = VmId, HostName = "sql-lo-01", Extension = new ExtensionSettings { LicenseType = licenseType } });
        var settings = new RelaySettings { PollInterval = TimeSpan.FromMinutes(10) };
        return Sys.ActorOf(RelayListener.Props(VmId, link.Ref, ledger, handlers, source, settings, TimeProvider.System));
    }

    private static JobCommand Job(string kind) =>
        new(Guid.NewGuid(), VmId, kind, "MSSQLSERVER", new Dictionary<string, string>(), DateTimeOffset.UtcNow, TimeSpan.FromHours(1), "alice");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private sealed class CountingHandler : IJobHandler
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return Task.FromResult(JobOutcome.Succeeded($"attempt {run.Attempt}"));
        }
    }

    private sealed class MachineOnlySource(MachineSnapshot machine) : IDiscoverySource
    {
        public Task<MachineSnapshot> DescribeMachineAsync(CancellationToken cancellationToken) => Task.FromResult(machine);

        public Task<IReadOnlyList<InstanceLocation>> LocateInstancesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<InstanceLocation>>([]);

        public Task<InstanceSnapshot> ProbeInstanceAsync(InstanceLocation instance, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<DatabaseSnapshot> ProbeDatabaseAsync(InstanceLocation instance, DatabaseEntry database, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
