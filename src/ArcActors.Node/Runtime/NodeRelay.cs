using Akka.Actor;
using Akka.Configuration;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Jobs;
using ArcActors.Host.Deployment;
using ArcActors.Host.Jobs;
using ArcActors.Host.Relay;
using Deployer = ArcActors.Host.Deployment.Deployer;

namespace ArcActors.Node.Runtime;

/// <summary>
/// The relay listener of a host node: it pulls the machine's jobs through the host link every
/// <c>arcactors.host.relay.poll-interval</c> and runs them against the instances discovery finds,
/// remembering finished job ids in <c>host-jobs.db</c> in the data folder.
/// </summary>
public static class NodeRelay
{
    public const string PollIntervalSetting = "arcactors.host.relay.poll-interval";

    /// <summary>How often a host node computes its automated backup schedule; one minute when unset.</summary>
    public const string BackupTickSetting = "arcactors.host.backups.tick-interval";

    public sealed record Started(IActorRef Listener, JobLedger Ledger, BackupPolicyStore BackupPolicies) : IDisposable
    {
        public void Dispose()
        {
            Ledger.Dispose();
            BackupPolicies.Dispose();
        }
    }

    /// <exception cref="NodeConfigException">The poll interval is not a positive duration of at most an hour.</exception>
    /// <param name="deployed">Called after each deployer operation that succeeded, with the new state.</param>
    public static Started Start(
        ActorSystem system, Config config, Guid vmId, IActorRef link, IDiscoverySource source, IInstanceSql sql, string dataDirectory, TimeProvider clock,
        Action<DeployerState>? deployed = null)
    {
        var interval = PollInterval(config);
        var ledger = new JobLedger(Path.Combine(dataDirectory, "host-jobs.db"));
        var policies = new BackupPolicyStore(Path.Combine(dataDirectory, "host-jobs.db"));
        var handlers = Handlers(system, vmId, source, sql, clock, policies, deployed);
        var listener = system.ActorOf(
            RelayListener.Props(vmId, link, ledger, handlers, source, new RelaySettings { PollInterval = interval }, clock), "relay-listener");
        system.ActorOf(PeriodicJob.Props(vmId, JobKinds.ReconcilePrivileges, handlers[JobKinds.ReconcilePrivileges], source, ReconcileInterval, clock), "privilege-reconciler");
        var backupSettings = new BackupScheduleSettings { TickInterval = config.GetTimeSpan(BackupTickSetting, TimeSpan.FromMinutes(1), allowInfinite: false) };
        var files = sql is SimulatedInstanceSql ? null : new LocalBackupFileDeleter();
        var runner = new BackupScheduleRunner(vmId, source, sql, policies, files, backupSettings);
        system.ActorOf(BackupScheduleActor.Props(vmId, runner, backupSettings, clock), "backup-schedule");
        return new Started(listener, ledger, policies);
    }

    /// <summary>Returns <see cref="PollIntervalSetting"/>, 30 s when unset.</summary>
    /// <exception cref="NodeConfigException">The value is not a duration from 100ms to 1h.</exception>
    public static TimeSpan PollInterval(Config config)
    {
        if (!config.HasPath(PollIntervalSetting))
        {
            return TimeSpan.FromSeconds(30);
        }

        var text = config.GetString(PollIntervalSetting, "");
        TimeSpan interval;
        try
        {
            interval = config.GetTimeSpan(PollIntervalSetting, allowInfinite: false);
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or ConfigurationException)
        {
            throw new NodeConfigException($"{PollIntervalSetting} = '{text}' is not a duration; write one such as 30s, 500ms or 1m.");
        }

        if (interval < TimeSpan.FromMilliseconds(100) || interval > TimeSpan.FromHours(1))
        {
            throw new NodeConfigException($"{PollIntervalSetting} = '{text}' is out of range; give a duration from 100ms to 1h, for example 30s.");
        }

        return interval;
    }

    /// <summary>
    /// The job handlers of one host that reaches SQL Server through <paramref name="sql"/>, and its deployer,
    /// which starts Enabled with the settings the host's discovery reports: a running host agent is an installed extension.
    /// </summary>
    public static IReadOnlyDictionary<string, IJobHandler> Handlers(
        IActorRefFactory system, Guid vmId, IDiscoverySource source, IInstanceSql sql, TimeProvider clock, BackupPolicyStore backupPolicies,
        Action<DeployerState>? deployed = null)
    {
        var installer = new HostPrivilegeInstaller(source, sql);
        var settings = source.DescribeMachineAsync(CancellationToken.None).GetAwaiter().GetResult().Extension;
        var initial = new DeployerState { Status = DeployerStatus.Enabled, Settings = settings };
        var deployer = system.ActorOf(Deployer.Props(installer, initial, deployed), $"deployer-{vmId:N}");
        return new Dictionary<string, IJobHandler>(StringComparer.OrdinalIgnoreCase)
        {
            [JobKinds.Backup] = new BackupJobHandler(source, sql, clock),
            [JobKinds.SetBackupPolicy] = new SetBackupPolicyJobHandler(backupPolicies),
            [JobKinds.BestPracticesAssessment] = new AssessmentJobHandler(source, clock),
            [JobKinds.Deploy] = new DeployJobHandler(deployer, DeployTimeout),
            [JobKinds.ReconcilePrivileges] = new ReconcilePrivilegesJobHandler(deployer, installer, DeployTimeout),
            [JobKinds.InstallUpdate] = new InstallUpdateJobHandler(new SimulatedUpdateExecutor(), clock),
        };
    }

    /// <summary>How often a host node applies its least-privilege grants again by itself.</summary>
    public static readonly TimeSpan ReconcileInterval = TimeSpan.FromHours(1);

    /// <summary>Longest a deployer operation may take before its job fails; uninstalling from many databases takes a while.</summary>
    public static readonly TimeSpan DeployTimeout = TimeSpan.FromMinutes(30);
}
