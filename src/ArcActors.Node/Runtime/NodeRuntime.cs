using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Client;
using ArcActors.Arm;
using ArcActors.Arm.Auth;
using ArcActors.Dps.Hosting;
using ArcActors.Dps.Projections;
using ArcActors.ReadModel;

namespace ArcActors.Node.Runtime;

/// <summary>
/// A running cloud node of <c>arcactors node</c>: the actor system, and by role the dps services
/// (registered with the cluster client receptionist), the ARM API and the health endpoint.
/// Disposing it runs coordinated shutdown, so a dps node hands its shards to the other members.
/// </summary>
public sealed class NodeRuntime : IAsyncDisposable
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);

    private readonly DataFolder? _lock;
    private readonly ReadStore? _store;
    private ArmApi? _api;
    private HealthEndpoint? _health;
    private NodeHostRole.Started? _host;
    private HealthEndpoint? _hostHealth;

    private NodeRuntime(ActorSystem system, ReadStore? store, DataFolder? dataLock)
    {
        System = system;
        _store = store;
        _lock = dataLock;
    }

    public ActorSystem System { get; }
    public DpsServices? Dps { get; private set; }

    /// <summary>The read store of a dps or api node.</summary>
    /// <exception cref="InvalidOperationException">The node has only the host role, so it opened no read store.</exception>
    public ReadStore Store => _store ?? throw new InvalidOperationException("a node with only the host role has no read store; read it on a dps or api node.");

    /// <summary>The host agent's supervisor on a node with the host role, else null.</summary>
    public IActorRef? HostAgent => _host?.Supervisor;

    /// <summary>Starts the node described by <paramref name="config"/> and reports each step on <paramref name="output"/>.</summary>
    public static async Task<NodeRuntime> StartAsync(NodeConfig config, TextWriter output, CancellationToken stop)
    {
        var settings = config.Settings;
        var certificate = LoadCertificate(settings.Api);
        RemotingPortCheck.EnsureFree(config.Akka);

        // A dps node writes the read store and, with SQLite, the journal: two such processes on one folder would corrupt them.
        var dataLock = settings.Has(NodeRoles.Dps) ? DataFolder.Open(config.DataDirectory) : null;
        Directory.CreateDirectory(config.DataDirectory);

        // A node with only the host role uses neither the journal nor the read store, so it creates neither file.
        var cloud = IsCloudNode(settings);
        // The read store opens first, because with PostgreSQL its errors explain best why the database is unreachable.
        ReadStore? store = null;
        try
        {
            store = cloud ? OpenReadStore(config) : null;
            if (cloud)
            {
                PrepareJournal(config, output, stop);
            }
        }
        catch
        {
            store?.Dispose();
            dataLock?.Dispose();
            throw;
        }

        var bootstrap = BootstrapSetup.Create().WithConfig(config.Akka);
        var system = config.TlsPinning is { } pinning
            ? ActorSystem.Create("arcactors", bootstrap.And(pinning))
            : ActorSystem.Create("arcactors", config.Akka);
        var node = new NodeRuntime(system, store, dataLock);
        try
        {
            await node.StartRolesAsync(config, certificate, output, stop);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    // Runs before the actor system opens the journal: write-ahead logging for the SQLite file, and the
    // one-time move to the Csv tag mode. A SQL Server journal is upgraded by hand (hocon/README.md).
    private static void PrepareJournal(NodeConfig config, TextWriter output, CancellationToken stop)
    {
        var settings = config.Settings;
        JournalTagUpgrade.Result? upgrade = null;
        if (settings.Persistence == AkkaConfig.Sqlite)
        {
            upgrade = settings.ConnectionStringVariable is not { } variable
                ? JournalFile.Prepare(Path.Combine(config.DataDirectory, "journal.db"), output.WriteLine, stop)
                : JournalFile.Upgrade(config.Akka.GetString("akka.persistence.journal.sql.connection-string"), $"the variable {variable}", output.WriteLine, stop);
        }
        else if (config.PostgresConnectionString is { } postgres)
        {
            upgrade = JournalFile.UpgradePostgres(postgres, output.WriteLine, stop);
        }

        JournalTagUpgrade.WriteOutcome(output, upgrade);
    }

    /// <summary>
    /// Opens the read store. With a PostgreSQL journal it is in the same database, shared by every cloud
    /// node. Otherwise it is readstore.db in the node's data folder.
    /// </summary>
    private static ReadStore OpenReadStore(NodeConfig config)
    {
        if (config.PostgresConnectionString is not { } connectionString)
        {
            return ReadStore.Open(Path.Combine(config.DataDirectory, "readstore.db"));
        }

        try
        {
            return ReadStore.OpenPostgres(connectionString);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or ArgumentException)
        {
            throw new NodeConfigException($"the read store in the journal's PostgreSQL database cannot be opened: {exception.Message} "
                + $"The connection string comes from the variable named by {NodeSettings.Section}.persistence.connection-string-env.");
        }
    }

    private async Task StartRolesAsync(NodeConfig config, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, TextWriter output, CancellationToken stop)
    {
        var settings = config.Settings;
        // A node with only the host role is no cluster member (its provider is "remote"), so it has no Cluster extension.
        var member = IsCloudNode(settings);
        var seeds = member ? config.Akka.GetStringList("akka.cluster.seed-nodes") : [];
        var address = member ? Cluster.Get(System).SelfAddress : ((ExtendedActorSystem)System).Provider.DefaultAddress;
        var journal = member ? $", journal {settings.Persistence}" : "";
        output.WriteLine($"ArcActors node {address}: roles {string.Join(", ", settings.Roles)}, data in {config.DataDirectory}{journal}");
        if (seeds.Count > 0)
        {
            output.WriteLine($"joining seed nodes {string.Join(", ", seeds)} ...");
            await WaitForMemberUpAsync(Cluster.Get(System), stop);
            output.WriteLine($"cluster member Up: {address}");
        }

        if (settings.Has(NodeRoles.Dps))
        {
            Dps = await DpsServices.StartAsync(System, Store, TimeProvider.System, ProjectionRunner.Tags, sharedStore: config.PostgresConnectionString is not null);
            ClusterClientReceptionist.Get(System).RegisterService(Dps.Ingress);
            output.WriteLine($"dps: shard regions, live projections and {Dps.Ingress.Path.ToStringWithoutAddress()} (registered with the cluster client receptionist) started");
        }

        if (settings.Has(NodeRoles.Host))
        {
            _host = NodeHostRole.Start(System, config.Akka, config.DataDirectory, output);
        }

        // A node with only the host role has no membership and no journal, so its /healthz checks the host link and the outbox.
        if (!member)
        {
            var hostname = config.Akka.GetString("akka.remote.dot-netty.tcp.hostname", "127.0.0.1");
            _hostHealth = await HostHealthEndpoint.StartIfConfiguredAsync(_host, settings.ManagementPort, hostname, output);
            return;
        }

        var health = new HealthCheck(System, mustBeMember: seeds.Count > 0);
        if (settings.Api is { } api)
        {
            await StartApiAsync(api, certificate, config.DataDirectory, health, output);
        }
        else if (settings.ManagementPort is { } port)
        {
            var hostname = config.Akka.GetString("akka.remote.dot-netty.tcp.hostname", "127.0.0.1");
            _health = await HealthEndpoint.StartAsync(health, hostname, port);
            output.WriteLine($"health on {_health.Address}");
        }
    }

    // The dps and api roles make a node a cluster member with a journal and a read store; the host role alone does not.
    private static bool IsCloudNode(NodeSettings settings) => settings.Has(NodeRoles.Dps) || settings.Has(NodeRoles.Api);

    private static async Task WaitForMemberUpAsync(Cluster cluster, CancellationToken stop)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        try
        {
            await up.Task.WaitAsync(JoinTimeout, stop);
        }
        catch (TimeoutException)
        {
            throw new NodeConfigException($"the node did not become a cluster member within {JoinTimeout.TotalSeconds:0} s; check that akka.cluster.seed-nodes "
                + "lists reachable nodes, that the first seed is running (or is this node), and that akka.remote.dot-netty.tcp.hostname is reachable from them.");
        }
    }

    private async Task StartApiAsync(NodeApiSettings api, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, string data, HealthCheck health, TextWriter output)
    {
        if (!IPAddress.TryParse(api.ListenAddress, out var listenAddress))
        {
            throw new NodeConfigException($"{NodeSettings.Section}.api.listen-address '{api.ListenAddress}' is not an IP address; give one such as 127.0.0.1 or 0.0.0.0.");
        }

        var keyFile = api.TokenKeyFile is { } configured ? Path.GetFullPath(configured) : TokenKey.DefaultPath(data);
        var key = TokenKey.LoadOrCreate(keyFile);

        // NOTE: an api node without the dps role serves reads only, because writes go to the entities through DpsServices in this process.
        _api = ArmApi.Build(new ArmApiOptions
        {
            Store = Store,
            DataFolder = data,
            Certificate = certificate,
            ListenAddress = listenAddress,
            Port = api.Port,
            Authorizer = new ArmAuthorizer(key, TimeProvider.System),
            Commands = Dps is null ? null : new AkkaArmCommands(Dps, TimeProvider.System),
        }, health.WriteAsync);
        await _api.StartAsync();
        output.WriteLine($"ARM API on {_api.BaseAddress} (certificate {_api.CertificateThumbprint}); health on {new Uri(_api.BaseAddress!, "/healthz")}");
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2? LoadCertificate(NodeApiSettings? api)
    {
        if (api?.CertificatePath is null)
        {
            return null;
        }

        try
        {
            return ApiHost.LoadCertificate(api.CertificatePath, api.CertificateKeyPath);
        }
        catch (IOException exception)
        {
            throw new NodeConfigException($"{NodeSettings.Section}.api.certificate: {exception.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_health is not null)
        {
            await _health.DisposeAsync();
        }

        if (_hostHealth is not null)
        {
            await _hostHealth.DisposeAsync();
        }

        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);
        _host?.Dispose();
        _store?.Dispose();
        _lock?.Dispose();
    }
}
