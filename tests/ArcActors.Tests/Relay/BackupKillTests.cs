using Akka.Actor;
using ArcActors.Contracts.Jobs;
using ArcActors.Dps.Ingress;
using ArcActors.Node.Runtime;
using ArcActors.Tests.Node;
using Xunit;

namespace ArcActors.Tests.Relay;

/// <summary>
/// A backup job delivered to a host node (a separate <c>arcactors node</c> process) that is killed
/// while the backup runs, then started again on the same data folder. The cloud node is in this
/// process; SQL Server is a TDS endpoint on loopback that SqlClient in the host node talks to.
/// The job is delivered again, the backup is finished once, and the job ends Succeeded.
/// </summary>
public sealed class BackupKillTests : IAsyncLifetime
{
    private const string Subscription = "3b55f041-58d7-4307-b59a-c390da3fb077";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly string _folder = TestConfig.TempFolder("backup-kill");
    private readonly int _cloudPort = NodeProcess.FreePort();
    private readonly Guid _vmId = Guid.NewGuid();
    private NodeRuntime _cloud = null!;
    private BackupSqlServer _sql = null!;

    public async Task InitializeAsync()
    {
        var file = Write("cloud.conf", $$"""
            arcactors.node { roles = [dps], data = "{{Escape(Path.Combine(_folder, "cloud"))}}" }
            akka.cluster.seed-nodes = ["akka.tcp://arcactors@127.0.0.1:{{_cloudPort}}"]
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{_cloudPort}} }
            """);
        _cloud = await NodeRuntime.StartAsync(NodeConfig.Load(file, "WARNING"), TextWriter.Null, CancellationToken.None);
        _sql = new BackupSqlServer();
    }

    public async Task DisposeAsync()
    {
        await _sql.DisposeAsync();
        await _cloud.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task BackupJob_KilledMidBackupRunsOnce()
    {
        var (job, status) = await KillDuringBackupAsync(BackupSqlServer.HoldMode.ThenAbort);

        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Equal(2, _sql.BackupStatements.Count);
        Assert.Equal([$"ArcActors job {job.JobId:D}"], _sql.FinishedBackups);
        Assert.True(status.Deliveries >= 2, $"the job was delivered {status.Deliveries} times");
    }

    [Fact]
    public async Task BackupJob_KilledAfterFinishSkipsRepeat()
    {
        var (_, status) = await KillDuringBackupAsync(BackupSqlServer.HoldMode.AfterFinish);

        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Single(_sql.BackupStatements);
        Assert.Single(_sql.FinishedBackups);
        Assert.Contains("already finished", status.Message, StringComparison.Ordinal);
    }

    // Queues a full backup, kills the host node (SIGKILL) while SQL Server keeps the BACKUP waiting, then starts it again and waits for the job to end.
    private async Task<(JobCommand Job, JobStatus Status)> KillDuringBackupAsync(BackupSqlServer.HoldMode hold)
    {
        var config = WriteHostConfig();
        var job = await EnqueueAsync(JobKinds.Backup, new() { ["database"] = "Sales", ["type"] = "Full" }, BackupSqlServer.InstanceName);
        _sql.HoldNextBackup(hold);

        using (var first = NodeProcess.Start(config))
        {
            await WaitForHeldBackupAsync(first);
        }

        _sql.ReleaseHeldBackup();
        using var second = NodeProcess.Start(config);
        return (job, await WaitForEndAsync(job, second));
    }

    [Fact]
    public async Task DeployJob_GrantsThenUninstallRevokes()
    {
        using var host = NodeProcess.Start(WriteHostConfig());
        var update = await EnqueueAsync(JobKinds.Deploy, new() { ["operation"] = "Update", ["settings"] = """{"FeatureFlags": {"LeastPrivilege": true}}""" });
        var updated = await WaitForEndAsync(update, host);
        var grants = _sql.PermissionChanges;
        var uninstall = await EnqueueAsync(JobKinds.Deploy, new() { ["operation"] = "Uninstall" });
        var uninstalled = await WaitForEndAsync(uninstall, host);
        var removals = _sql.PermissionChanges.Skip(grants.Count).ToList();

        Assert.True(updated.State == JobState.Succeeded, $"update: {updated.State}: {updated.Message}");
        Assert.Contains(grants, text => text.Contains("CREATE LOGIN", StringComparison.Ordinal));
        Assert.Contains(grants, text => text.Contains("GRANT VIEW SERVER STATE", StringComparison.Ordinal));
        Assert.DoesNotContain(grants, text => text.Contains("REVOKE ", StringComparison.Ordinal));
        Assert.True(uninstalled.State == JobState.Succeeded, $"uninstall: {uninstalled.State}: {uninstalled.Message}");
        Assert.Contains(removals, text => text.Contains("REVOKE VIEW SERVER STATE", StringComparison.Ordinal));
        Assert.Contains(removals, text => text.Contains("DROP LOGIN", StringComparison.Ordinal));
        Assert.DoesNotContain(removals, text => text.Contains("GRANT ", StringComparison.Ordinal));
    }

    private async Task<JobCommand> EnqueueAsync(string kind, Dictionary<string, string> parameters, string instanceName = "")
    {
        var job = new JobCommand(Guid.NewGuid(), _vmId, kind, instanceName, parameters, DateTimeOffset.UtcNow, TimeSpan.FromHours(1), "alice");
        var accepted = await _cloud.Dps!.Relay.Ask<JobAccepted>(new EnqueueJob(job), TimeSpan.FromSeconds(30));
        Assert.Equal(JobState.Queued, accepted.Status.State);
        return job;
    }

    private async Task WaitForHeldBackupAsync(NodeProcess host)
    {
        try
        {
            await _sql.HeldBackupArrived.Task.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            var jobs = await _cloud.Dps!.Relay.Ask<JobList>(new GetJobs(_vmId), TimeSpan.FromSeconds(10));
            var states = string.Join("; ", jobs.Jobs.Select(job => $"{job.State} after {job.Deliveries} deliveries: {job.Message}"));
            Assert.Fail($"the host node sent no BACKUP within {Patience.TotalSeconds:0} s; the job is {states}; host output:\n{host.Output}");
        }
    }

    // Reads the job from its queue every 250 ms until it ends; the host node is another process, so no TestKit probe can watch it.
    private async Task<JobStatus> WaitForEndAsync(JobCommand job, NodeProcess host)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var list = await _cloud.Dps!.Relay.Ask<JobList>(new GetJobs(_vmId), TimeSpan.FromSeconds(10));
            var status = list.Jobs.Single(candidate => candidate.Command.JobId == job.JobId);
            if (status.State.IsFinal())
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"job {job.JobId} is still {status.State} after {Patience.TotalSeconds:0} s; host output:\n{host.Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private string WriteHostConfig()
    {
        var key = new EnrollmentStore(EnrollmentStore.DefaultPath(Path.Combine(_folder, "cloud"))).Enroll(_vmId, DateTimeOffset.UtcNow);
        return Write("host.conf", $$"""
            arcactors.node { roles = [host], data = "{{Escape(Path.Combine(_folder, "host"))}}" }
            arcactors.host {
              vm-id = "{{_vmId:D}}", subscription-id = "{{Subscription}}", resource-group = "rg", location = "westeurope"
              host-name = "sql-kill-01", key-id = "{{key.HostKeyId}}", key = "{{key.Key}}"
              instances = ["{{Escape(_sql.ConnectionString)}}"]
              relay.poll-interval = 500ms
            }
            akka.cluster.client.initial-contacts = ["akka.tcp://arcactors@127.0.0.1:{{_cloudPort}}/system/receptionist"]
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\");
}
