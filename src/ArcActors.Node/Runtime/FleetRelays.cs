using ArcActors.Contracts.Inventory;
using Akka.Actor;
using ArcActors.Host.Jobs;
using ArcActors.Host.Relay;
using ArcActors.Sql.Backups;
using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Node.Runtime;

/// <summary>
/// The relay listeners and automated backup schedules of the simulated hosts of <c>arcactors up</c>: one
/// each per host, pulling from the ingress in this process, running jobs and backups against a simulated
/// SQL Server per host, and sharing one ledger file (<c>host-jobs.db</c>) in the data folder. Full and log
/// backups show in the fleet state, so the next inventory reports them in the database's backupInformation.
/// </summary>
public sealed class FleetRelays : IAsyncDisposable
{
    private readonly JobLedger _ledger;
    private readonly BackupPolicyStore _policies;
    private readonly IReadOnlyList<IActorRef> _actors;
    private readonly IReadOnlyDictionary<Guid, SimulatedInstanceSql> _sql;

    private FleetRelays(JobLedger ledger, BackupPolicyStore policies, IReadOnlyDictionary<Guid, SimulatedInstanceSql> sql, IReadOnlyList<IActorRef> actors)
    {
        _ledger = ledger;
        _policies = policies;
        _sql = sql;
        _actors = actors;
    }

    /// <summary>Returns the simulated SQL Server of the host with <paramref name="vmId"/>, which records the statements jobs and backups ran.</summary>
    public SimulatedInstanceSql SqlOf(Guid vmId) => _sql[vmId];

    /// <param name="backupSettings">The automated backup schedule; null for the default of one pass a minute.</param>
    public static FleetRelays Start(
        EmbeddedNode node, Fleet fleet, FleetState state, string dataDirectory, TimeSpan pollInterval, TimeProvider clock, BackupScheduleSettings? backupSettings = null)
    {
        var ledgerPath = Path.Combine(dataDirectory, "host-jobs.db");
        var ledger = new JobLedger(ledgerPath);
        var policies = new BackupPolicyStore(ledgerPath);
        var settings = new RelaySettings { PollInterval = pollInterval };
        backupSettings ??= new BackupScheduleSettings();
        var actors = new List<IActorRef>();
        var sqlByHost = new Dictionary<Guid, SimulatedInstanceSql>();
        foreach (var host in fleet.Hosts)
        {
            var vmId = host.VmId;
            var source = new SimulatedDiscoverySource(state, vmId);
            var sql = new SimulatedInstanceSql(clock, backup => RecordInFleet(state, vmId, backup));
            sqlByHost[vmId] = sql;
            var handlers = NodeRelay.Handlers(node.System, vmId, source, sql, clock, policies, deployed => state.SetExtension(vmId, ToFleet(deployed.Settings)));
            actors.Add(node.System.ActorOf(RelayListener.Props(vmId, node.Dps.Ingress, ledger, handlers, source, settings, clock), $"relay-{vmId:N}"));

            // Simulated backups write no files, so the retention cleanup deletes history only.
            var runner = new BackupScheduleRunner(vmId, source, sql, policies, files: null, backupSettings);
            actors.Add(node.System.ActorOf(BackupScheduleActor.Props(vmId, runner, backupSettings, clock), $"backup-schedule-{vmId:N}"));
        }

        return new FleetRelays(ledger, policies, sqlByHost, actors);
    }

    /// <summary>Stops the listeners and schedules, then closes the ledger file they write.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_actors.Select(actor => actor.GracefulStop(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default)));
        _ledger.Dispose();
        _policies.Dispose();
    }

    private static FleetExtension ToFleet(ExtensionSettings settings) => new()
    {
        LicenseType = settings.LicenseType,
        ConsentToRecurringPayg = settings.ConsentToRecurringPayg,
        UsePhysicalCoreLicense = settings.UsePhysicalCoreLicense,
        Esu = settings.EnableExtendedSecurityUpdates,
        ExcludedInstances = settings.ExcludedInstances,
        FeatureFlags = FleetFeatureFlags.Defaults().Concat(settings.FeatureFlags).GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.Last().Value),
    };

    // backupInformation has no differential time, so a differential backup leaves the fleet state as it is.
    private static void RecordInFleet(FleetState state, Guid vmId, SimulatedBackup backup)
    {
        if (backup.Kind != BackupKind.Differential)
        {
            state.RecordBackup(vmId, backup.InstanceName, backup.Database, backup.Kind == BackupKind.Log, backup.StartedAt);
        }
    }
}
