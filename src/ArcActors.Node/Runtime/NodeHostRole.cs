using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Configuration;
using ArcActors.Contracts.Ingress;
using ArcActors.Host;
using ArcActors.Host.Agent;
using ArcActors.Host.Link;
using ArcActors.Host.Usage;
using ArcActors.Sql.Discovery;
using ArcActors.Sql.Locators;

namespace ArcActors.Node.Runtime;

/// <summary>
/// The "host" role of <c>arcactors node</c>: the host agent of this machine, discovering SQL Server
/// through the Linux or Windows locator and Microsoft.Data.SqlClient, and uploading to the cloud
/// cluster through a ClusterClient with the machine's enrollment key.
/// </summary>
public static class NodeHostRole
{
    /// <summary>Settings under <c>arcactors.host</c> that a host node needs besides its enrollment key.</summary>
    public static readonly string[] RequiredSettings = ["vm-id", "subscription-id", "resource-group", "location"];

    public sealed record Started(IActorRef Supervisor, SqliteUsageOutbox Outbox) : IDisposable
    {
        public void Dispose() => Outbox.Dispose();
    }

    /// <exception cref="NodeConfigException">A required <c>arcactors.host</c> setting is missing or invalid.</exception>
    public static Started Start(ActorSystem system, Config config, string dataDirectory, TextWriter output)
    {
        var host = config.GetConfig("arcactors.host") ?? throw new NodeConfigException(
            "arcactors.host is missing; a host node needs vm-id, subscription-id, resource-group, location and the key-id and key from 'arcactors host enroll'.");
        var missing = RequiredSettings.FirstOrDefault(name => string.IsNullOrWhiteSpace(host.GetString(name, "")));
        if (missing is not null)
        {
            throw new NodeConfigException($"arcactors.host.{missing} is missing; set it in the node file, e.g. arcactors.host.{missing} = \"...\".");
        }

        if (!Guid.TryParse(host.GetString("vm-id"), out var vmId))
        {
            throw new NodeConfigException($"arcactors.host.vm-id '{host.GetString("vm-id")}' is not a GUID; use the machine id that 'arcactors host enroll --machine' was given.");
        }

        HostCredentials credentials;
        try
        {
            credentials = HostCredentials.FromConfig(config);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or ConfigurationException)
        {
            throw new NodeConfigException($"{exception.Message} Run 'arcactors host enroll --machine {vmId:D}' on a dps node and add its two lines to this file.");
        }

        var scope = new ResourceScope(host.GetString("subscription-id"), host.GetString("resource-group"), host.GetString("location"));
        var client = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system)), "cluster-client");
        var link = system.ActorOf(HostLink.Props(client, credentials), "host-link");
        var outbox = new SqliteUsageOutbox(Path.Combine(dataDirectory, "host-outbox.db"));
        var source = DiscoverySource(vmId, host);
        var settings = new HostAgentSettings { Scope = scope, ScheduleOwnCycles = true };
        var supervisor = system.ActorOf(HostSupervisor.Props(vmId, source, settings, link, outbox, TimeProvider.System), $"host-{vmId:N}");
        output.WriteLine($"host: agent for machine {vmId:D} started; inventory hourly, usage uploads every 12 hours, through {credentials}");
        return new Started(supervisor, outbox);
    }

    // Instances come from this machine's locator and from arcactors.host.instances (connection strings), the configured ones first.
    private static SqlServerDiscoverySource DiscoverySource(Guid vmId, Config host)
    {
        var configured = host.GetStringList("instances", []);
        var options = new SqlDiscoveryOptions { VmId = vmId, HostName = host.GetString("host-name", Environment.MachineName) };
        var locatorOptions = new LocatorOptions { HostName = options.HostName };
        IInstanceLocator machine = OperatingSystem.IsWindows()
            ? WindowsInstanceLocator.ForThisMachine(locatorOptions)
            : new LinuxInstanceLocator(new SystemctlUnitReader(), locatorOptions);
        var locator = new CompositeInstanceLocator(new ConfigurationInstanceLocator(configured), machine);
        return new SqlServerDiscoverySource(options, locator: locator);
    }
}
