using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Configuration;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Ingress;
using ArcActors.Host;
using ArcActors.Host.Agent;
using ArcActors.Host.Deployment;
using ArcActors.Host.Jobs;
using ArcActors.Host.Link;
using ArcActors.Host.Usage;
using ArcActors.Sql.Discovery;
using ArcActors.Sql.Locators;

namespace ArcActors.Node.Runtime;

/// <summary>
/// The "host" role of <c>arcactors node</c>: the host agent of this machine, discovering SQL Server
/// through the Linux or Windows locator and Microsoft.Data.SqlClient (or playing one host of a fleet
/// file, see <see cref="HostSimulation"/>), and uploading to the cloud cluster through a
/// ClusterClient with the machine's enrollment key.
/// </summary>
public static class NodeHostRole
{
    /// <summary>Settings under <c>arcactors.host</c> that a host node without a simulation section needs besides its enrollment key.</summary>
    public static readonly string[] RequiredSettings = ["vm-id", "subscription-id", "resource-group", "location"];

    /// <summary>The running host role: its supervisor, its link to the cluster and its outbox.</summary>
    public sealed record Started(IActorRef Supervisor, IActorRef Link, SqliteUsageOutbox Outbox, string OutboxPath, NodeRelay.Started Relay) : IDisposable
    {
        public void Dispose()
        {
            Outbox.Dispose();
            Relay.Dispose();
        }
    }

    /// <exception cref="NodeConfigException">A required <c>arcactors.host</c> setting is missing or invalid.</exception>
    public static Started Start(ActorSystem system, Config config, string dataDirectory, TextWriter output)
    {
        var host = config.GetConfig("arcactors.host") ?? throw new NodeConfigException(
            "arcactors.host is missing; a host node needs vm-id, subscription-id, resource-group, location and the key-id and key from 'arcactors host enroll'.");
        var simulation = HostSimulation.FromConfig(config);
        var vmId = simulation is null ? ReadMachine(host) : CheckSimulatedMachine(host, simulation);

        HostCredentials credentials;
        try
        {
            credentials = HostCredentials.FromConfig(config);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or ConfigurationException)
        {
            throw new NodeConfigException($"{exception.Message} Run 'arcactors host enroll --machine {vmId:D} --config DPS-NODE-FILE' (or '--data DIR' for a single node on SQLite) and add its two lines to this file.");
        }

        var scope = simulation?.Scope ?? new ResourceScope(host.GetString("subscription-id"), host.GetString("resource-group"), host.GetString("location"));
        var client = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system)), "cluster-client");
        var link = system.ActorOf(HostLink.Props(client, credentials), "host-link");
        var outboxPath = Path.Combine(dataDirectory, "host-outbox.db");
        var outbox = new SqliteUsageOutbox(outboxPath);
        var settings = new HostAgentSettings { Scope = scope, ScheduleOwnCycles = true };
        IDiscoverySource source;
        TimeProvider clock;
        IInstanceSql sql;
        if (simulation is null)
        {
            var options = DiscoveryOptions(vmId, host);
            source = DiscoverySource(options, host);
            sql = new SqlClientInstanceSql(options);
            clock = TimeProvider.System;
            output.WriteLine($"host: agent for machine {vmId:D} started; inventory hourly, usage uploads every 12 hours, through host key id {credentials.HostKeyId}");
        }
        else
        {
            source = simulation.CreateSource();
            sql = new SimulatedInstanceSql(simulation.Clock);
            clock = simulation.Clock;
            settings = simulation.Accelerate(settings);
            output.WriteLine($"host: SIMULATED host '{simulation.Host.Name}' (machine {vmId:D}) at {simulation.Clock.Speed:0.###}x from {simulation.Fleet.Start:O}; "
                + $"inventory every {settings.InventoryInterval.TotalSeconds:0.###} s, usage uploads every {settings.UsageUploadInterval.TotalSeconds:0.###} s of real time, through host key id {credentials.HostKeyId}");
        }

        var deployedSource = DeployedSource(source, dataDirectory);
        var supervisor = system.ActorOf(HostSupervisor.Props(vmId, deployedSource, settings, link, outbox, clock), $"host-{vmId:N}");
        var relay = NodeRelay.Start(system, config, vmId, link, deployedSource, sql, dataDirectory, clock, deployedSource.Record);
        return new Started(supervisor, link, outbox, outboxPath, relay);
    }

    // Reports the extension settings the deployer put in force; they are kept in the data folder across restarts.
    private static DeployedSettingsSource DeployedSource(IDiscoverySource source, string dataDirectory)
    {
        try
        {
            return new DeployedSettingsSource(source, Path.Combine(dataDirectory, "extension-settings.json"));
        }
        catch (InvalidDataException exception)
        {
            throw new NodeConfigException(exception.Message);
        }
    }

    private static Guid ReadMachine(Config host)
    {
        var missing = RequiredSettings.FirstOrDefault(name => string.IsNullOrWhiteSpace(host.GetString(name, "")));
        if (missing is not null)
        {
            throw new NodeConfigException($"arcactors.host.{missing} is missing; set it in the node file, e.g. arcactors.host.{missing} = \"...\".");
        }

        if (!Guid.TryParse(host.GetString("vm-id"), out var vmId))
        {
            throw new NodeConfigException($"arcactors.host.vm-id '{host.GetString("vm-id")}' is not a GUID; use the machine id that 'arcactors host enroll --machine' was given.");
        }

        return vmId;
    }

    // A simulated host takes its vmId from the fleet; a vm-id in the file as well must name the same machine.
    private static Guid CheckSimulatedMachine(Config host, HostSimulation simulation)
    {
        var configured = host.GetString("vm-id", "");
        if (configured.Length > 0 && (!Guid.TryParse(configured, out var vmId) || vmId != simulation.VmId))
        {
            throw new NodeConfigException($"arcactors.host.vm-id '{configured}' does not match the vmId {simulation.VmId:D} of fleet host '{simulation.Host.Name}'; "
                + "remove vm-id, because a simulated host takes it from the fleet.");
        }

        return simulation.VmId;
    }

    // Instances come from this machine's locator and from arcactors.host.instances (connection strings), the configured ones first.
    private static SqlDiscoveryOptions DiscoveryOptions(Guid vmId, Config host) =>
        new() { VmId = vmId, HostName = host.GetString("host-name", Environment.MachineName) };

    private static SqlServerDiscoverySource DiscoverySource(SqlDiscoveryOptions options, Config host)
    {
        var configured = host.GetStringList("instances", []);
        var locatorOptions = new LocatorOptions { HostName = options.HostName };
        IInstanceLocator machine = OperatingSystem.IsWindows()
            ? WindowsInstanceLocator.ForThisMachine(locatorOptions)
            : new LinuxInstanceLocator(new SystemctlUnitReader(), locatorOptions);
        var locator = new CompositeInstanceLocator(new ConfigurationInstanceLocator(configured), machine);
        return new SqlServerDiscoverySource(options, locator: locator);
    }
}
