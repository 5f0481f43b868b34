using Akka.Actor;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Jobs;
using ArcActors.Dps.Relay;
using ArcActors.Node.Runtime;
using Xunit;

namespace ArcActors.Tests.Relay;

/// <summary>The durable command queue of one host: states, redelivery, idempotent reports, timeouts, cancellation and recovery.</summary>
public sealed class RelayEntitySpecs : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Start = new(2026, 10, 24, 22, 0, 0, TimeSpan.Zero);
    private static readonly Guid VmId = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    private readonly string _folder = TestConfig.TempFolder("relay");
    private readonly VirtualClock _clock = new(Start);

    private string JournalPath => Path.Combine(_folder, "journal.db");

    [Fact]
    public void RelayEntity_DeliversQueuedJobUntilItRuns()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);
        var job = Job(JobKinds.Backup);

        Assert.Equal(JobState.Queued, Enqueue(kit, entity, job).Status.State);
        Assert.Equal([job.JobId], Pull(kit, entity).Jobs.Select(command => command.JobId));
        Assert.Equal([job.JobId], Pull(kit, entity).Jobs.Select(command => command.JobId));
        Assert.Equal(JobState.Running, Report(kit, entity, job, JobState.Running).State);
        Assert.Equal([job.JobId], Pull(kit, entity).Jobs.Select(command => command.JobId));
        Assert.Equal(JobState.Succeeded, Report(kit, entity, job, JobState.Succeeded).State);

        Assert.Empty(Pull(kit, entity).Jobs);
        var status = Jobs(kit, entity).Single();
        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Equal(3, status.Deliveries);
    }

    [Fact]
    public void RelayEntity_ReportAfterEndChangesNothing()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);
        var job = Job(JobKinds.Backup);
        Enqueue(kit, entity, job);
        Report(kit, entity, job, JobState.Succeeded);

        var late = Report(kit, entity, job, JobState.Failed);

        Assert.Equal(JobState.Succeeded, late.State);
        Assert.Equal(JobState.Succeeded, Jobs(kit, entity).Single().State);
    }

    [Fact]
    public void RelayEntity_TimesOutJobPastItsTimeout()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);
        var job = Job(JobKinds.BestPracticesAssessment) with { Timeout = TimeSpan.FromHours(1) };
        Enqueue(kit, entity, job);

        _clock.Set(Start.AddMinutes(61));

        Assert.Empty(Pull(kit, entity).Jobs);
        var status = Jobs(kit, entity).Single();
        Assert.Equal(JobState.TimedOut, status.State);
        Assert.Contains("timeout", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelayEntity_CancelsOnlyJobsThatHaveNotStarted()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);
        var waiting = Job(JobKinds.Backup);
        var running = Job(JobKinds.Backup);
        Enqueue(kit, entity, waiting);
        Enqueue(kit, entity, running);
        Report(kit, entity, running, JobState.Running);

        entity.Tell(new CancelJob(VmId, waiting.JobId, "alice", Start), kit.TestActor);
        Assert.Equal(JobState.Cancelled, kit.ExpectMsg<JobAccepted>(Wait).Status.State);
        entity.Tell(new CancelJob(VmId, running.JobId, "alice", Start), kit.TestActor);
        Assert.Equal("JobRunning", kit.ExpectMsg<JobRefused>(Wait).Code);
        entity.Tell(new CancelJob(VmId, Guid.NewGuid(), "alice", Start), kit.TestActor);
        Assert.Equal("JobNotFound", kit.ExpectMsg<JobRefused>(Wait).Code);

        Assert.Equal([running.JobId], Pull(kit, entity).Jobs.Select(command => command.JobId));
    }

    [Theory]
    [InlineData("Defragment", "InvalidJob")]
    [InlineData(JobKinds.Backup, "")]
    public void RelayEntity_ValidatesKind(string kind, string expectedCode)
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);

        entity.Tell(new EnqueueJob(Job(kind)), kit.TestActor);
        var reply = kit.ExpectMsg<object>(Wait);

        Assert.Equal(expectedCode, reply is JobRefused refused ? refused.Code : "");
        Assert.True(reply is JobRefused or JobAccepted, $"unexpected reply {reply}");
    }

    [Fact]
    public void RelayEntity_RefusesOtherJobWithSameId()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);
        var job = Job(JobKinds.Backup);
        Enqueue(kit, entity, job);

        Assert.Equal(JobState.Queued, Enqueue(kit, entity, job).Status.State);
        entity.Tell(new EnqueueJob(job with { Kind = JobKinds.BestPracticesAssessment }), kit.TestActor);
        Assert.Equal("DuplicateJobId", kit.ExpectMsg<JobRefused>(Wait).Code);
    }

    [Fact]
    public void RelayEntity_ReportForUnknownJobRejected()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);
        var report = new ReportJob(Guid.NewGuid(), VmId, Guid.NewGuid(), JobState.Succeeded, "", "", Start);

        entity.Tell(report, kit.TestActor);

        var rejected = kit.ExpectMsg<UploadRejected>(Wait);
        Assert.Equal(report.ReportId, rejected.UploadId);
        Assert.Equal("InvalidJobReport", rejected.Code);
    }

    [Fact]
    public void RelayEntity_OversizeResultFailsJob()
    {
        using var kit = new TestKit(TestConfig.Embedded(JournalPath));
        var entity = StartEntity(kit);
        var job = Job(JobKinds.BestPracticesAssessment);
        Enqueue(kit, entity, job);

        entity.Tell(new ReportJob(Guid.NewGuid(), VmId, job.JobId, JobState.Succeeded, "", new string('x', RelayQueue.MaxResultChars + 1), Start), kit.TestActor);

        Assert.Equal(JobState.Failed, kit.ExpectMsg<JobReportAccepted>(Wait).State);
        var status = Jobs(kit, entity).Single();
        Assert.Empty(status.Result);
        Assert.Contains("limit", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelayEntity_RecoversQueueAfterRestart()
    {
        var job = Job(JobKinds.Backup);
        var ended = Job(JobKinds.BestPracticesAssessment);
        using (var kit = new TestKit(TestConfig.Embedded(JournalPath)))
        {
            var entity = StartEntity(kit);
            Enqueue(kit, entity, job);
            Enqueue(kit, entity, ended);
            Pull(kit, entity);
            Report(kit, entity, ended, JobState.Succeeded);
        }

        using (var kit = new TestKit(TestConfig.Embedded(JournalPath)))
        {
            var entity = StartEntity(kit);
            var states = Jobs(kit, entity).ToDictionary(status => status.Command.JobId, status => status.State);

            Assert.Equal(JobState.Delivered, states[job.JobId]);
            Assert.Equal(JobState.Succeeded, states[ended.JobId]);
            Assert.Equal([job.JobId], Pull(kit, entity).Jobs.Select(command => command.JobId));
        }
    }

    private IActorRef StartEntity(TestKit kit) => kit.Sys.ActorOf(RelayEntity.Props(VmId.ToString("D"), _clock));

    private JobCommand Job(string kind) =>
        new(Guid.NewGuid(), VmId, kind, "MSSQLSERVER", new Dictionary<string, string> { ["database"] = "Sales" }, _clock.GetUtcNow(), TimeSpan.FromHours(2), "alice");

    private static JobAccepted Enqueue(TestKit kit, IActorRef entity, JobCommand job)
    {
        entity.Tell(new EnqueueJob(job), kit.TestActor);
        return kit.ExpectMsg<JobAccepted>(Wait);
    }

    private JobsDelivery Pull(TestKit kit, IActorRef entity)
    {
        entity.Tell(new PullJobs(Guid.NewGuid(), VmId, _clock.GetUtcNow()), kit.TestActor);
        return kit.ExpectMsg<JobsDelivery>(Wait);
    }

    private JobReportAccepted Report(TestKit kit, IActorRef entity, JobCommand job, JobState state)
    {
        entity.Tell(new ReportJob(Guid.NewGuid(), VmId, job.JobId, state, $"{state}", "", _clock.GetUtcNow()), kit.TestActor);
        return kit.ExpectMsg<JobReportAccepted>(Wait);
    }

    private static IReadOnlyList<JobStatus> Jobs(TestKit kit, IActorRef entity)
    {
        entity.Tell(new GetJobs(VmId), kit.TestActor);
        return kit.ExpectMsg<JobList>(Wait).Jobs;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
