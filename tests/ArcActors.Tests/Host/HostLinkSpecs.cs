using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Client;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Serialization;
using ArcActors.Contracts.Subscriptions;
using ArcActors.Dps.Ingress;
using ArcActors.Host;
using ArcActors.Host.Agent;
using ArcActors.Host.Link;
using ArcActors.Host.Usage;
using ArcActors.Node.Runtime;
using ArcActors.Tests.Contracts;
using Xunit;

namespace ArcActors.Tests.Host;

/// <summary>
/// A "host" actor system (this TestKit's, remote provider) reaches a one-node "cloud" cluster on
/// loopback remoting through a ClusterClient, the way a host node reaches the dps nodes.
/// </summary>
public sealed class HostLinkSpecs : TestKit
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);
    private static readonly Guid OtherVmId = Guid.Parse("0d7c8a51-3b8f-4a0e-9b1c-5c7f2e6a9d34");

    private readonly string _folder = TestConfig.TempFolder("host-link");
    private readonly EnrollmentStore _store;
    private readonly int _cloudPort = FreePort();
    private readonly HostAgentSettings _settings = new()
    {
        Scope = Samples.Scope,
        AckTimeout = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(2),
    };

    private Cloud? _cloud;

    public HostLinkSpecs() : base(HostConfig())
    {
        _store = new EnrollmentStore(EnrollmentStore.DefaultPath(_folder));
    }

    [Fact]
    public async Task HostLink_UploadIsAcknowledgedThroughCluster()
    {
        _cloud = await Cloud.StartAsync(_cloudPort, _store);
        var issued = _store.Enroll(Samples.VmId, Samples.At);
        var channel = StartChannel(new HostCredentials(issued.HostKeyId, issued.Key));
        var inventory = (UploadInventory)Samples.All()[typeof(UploadInventory)];

        channel.Tell(new UploadChannel.Send(inventory.UploadId, inventory));

        var outcome = ExpectMsg<UploadChannel.UploadOutcome>(ReplyTimeout);
        Assert.Equal(inventory.UploadId, outcome.UploadId);
        Assert.True(outcome.Accepted, $"{outcome.Code}: {outcome.Message}");
        Assert.Contains(inventory.UploadId, _cloud.ForwardedIds());
    }

    [Fact]
    public async Task HostLink_HostClaimingAnotherMachineIsRejected()
    {
        _cloud = await Cloud.StartAsync(_cloudPort, _store);
        var issued = _store.Enroll(Samples.VmId, Samples.At);
        var channel = StartChannel(new HostCredentials(issued.HostKeyId, issued.Key));
        var sample = (UploadMachine)Samples.All()[typeof(UploadMachine)];
        var foreign = sample with { Machine = sample.Machine with { VmId = OtherVmId } };
        var own = sample with { UploadId = Guid.NewGuid() };

        channel.Tell(new UploadChannel.Send(foreign.UploadId, foreign));
        var rejected = ExpectMsg<UploadChannel.UploadOutcome>(ReplyTimeout);
        channel.Tell(new UploadChannel.Send(own.UploadId, own));
        var accepted = ExpectMsg<UploadChannel.UploadOutcome>(ReplyTimeout);

        Assert.Equal(foreign.UploadId, rejected.UploadId);
        Assert.False(rejected.Accepted);
        Assert.Equal(IngressActor.HostNotAuthorizedCode, rejected.Code);
        Assert.Contains(issued.HostKeyId, rejected.Message);
        Assert.Contains(OtherVmId.ToString("D"), rejected.Message);
        Assert.True(accepted.Accepted, $"{accepted.Code}: {accepted.Message}");
        Assert.Contains(own.UploadId, _cloud.ForwardedIds());
        Assert.DoesNotContain(foreign.UploadId, _cloud.ForwardedIds());
    }

    [Fact]
    public async Task HostLink_WrongKeyIsRejected()
    {
        _cloud = await Cloud.StartAsync(_cloudPort, _store);
        var issued = _store.Enroll(Samples.VmId, Samples.At);
        var channel = StartChannel(new HostCredentials(issued.HostKeyId, "not-the-key"));
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];

        channel.Tell(new UploadChannel.Send(usage.UploadId, usage));

        var outcome = ExpectMsg<UploadChannel.UploadOutcome>(ReplyTimeout);
        Assert.False(outcome.Accepted);
        Assert.Equal(IngressActor.HostNotAuthorizedCode, outcome.Code);
        Assert.Contains(issued.HostKeyId, outcome.Message);
        Assert.Empty(_cloud.ForwardedIds());
    }

    [Fact]
    public async Task HostLink_WrongKeyMakesHostHealthDegraded()
    {
        _cloud = await Cloud.StartAsync(_cloudPort, _store);
        var issued = _store.Enroll(Samples.VmId, Samples.At);
        var link = StartLink(new HostCredentials(issued.HostKeyId, "not-the-key"));
        var channel = Sys.ActorOf(UploadChannel.Props(link, _settings));
        var outboxPath = Path.Combine(_folder, "host-outbox.db");
        using var outbox = new SqliteUsageOutbox(outboxPath);
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];

        channel.Tell(new UploadChannel.Send(usage.UploadId, usage));
        var outcome = ExpectMsg<UploadChannel.UploadOutcome>(ReplyTimeout);
        var report = await new HostHealthCheck(link, outboxPath).RunAsync(CancellationToken.None);

        Assert.False(outcome.Accepted);
        Assert.Equal(HealthReport.Degraded, report.Status);
        Assert.DoesNotContain("acknowledged", report.Cluster);
        Assert.StartsWith(IngressActor.HostNotAuthorizedCode, report.Rejection);
        Assert.Contains(issued.HostKeyId, report.Rejection);
        Assert.Contains("arcactors host enroll", report.Rejection);
    }

    [Fact]
    public async Task HostLink_ResendsAcrossCloudRestart()
    {
        _cloud = await Cloud.StartAsync(_cloudPort, _store);
        var issued = _store.Enroll(Samples.VmId, Samples.At);
        var channel = StartChannel(new HostCredentials(issued.HostKeyId, issued.Key));
        var first = (UploadUsage)Samples.All()[typeof(UploadUsage)];
        var second = first with { UploadId = Guid.NewGuid() };
        channel.Tell(new UploadChannel.Send(first.UploadId, first));
        Assert.True(ExpectMsg<UploadChannel.UploadOutcome>(ReplyTimeout).Accepted);

        await _cloud.DisposeAsync();
        channel.Tell(new UploadChannel.Send(second.UploadId, second));
        _cloud = await Cloud.StartAsync(_cloudPort, _store);

        var outcome = ExpectMsg<UploadChannel.UploadOutcome>(ReplyTimeout);
        Assert.Equal(second.UploadId, outcome.UploadId);
        Assert.True(outcome.Accepted, $"{outcome.Code}: {outcome.Message}");
        Assert.Contains(second.UploadId, _cloud.ForwardedIds());
    }

    [Fact]
    public void HostLink_WrapsUploadWithCredentials()
    {
        var client = CreateTestProbe();
        var link = Sys.ActorOf(HostLink.Props(client.Ref, new HostCredentials("hk-0f3a9c2e81d4", "secret")));
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];

        link.Tell(usage);

        var send = client.ExpectMsg<ClusterClient.Send>();
        Assert.Equal("/user/ingress", send.Path);
        Assert.True(send.LocalAffinity);
        var wrapped = Assert.IsType<AuthenticatedUpload>(send.Message);
        Assert.Equal("hk-0f3a9c2e81d4", wrapped.HostKeyId);
        Assert.Equal("secret", wrapped.Key);
        Assert.Equal(usage.UploadId, Assert.IsType<UploadUsage>(wrapped.Upload).UploadId);
    }

    [Fact]
    public void HostLink_RoutesReplyToUploadSender()
    {
        var client = CreateTestProbe();
        var link = Sys.ActorOf(HostLink.Props(client.Ref, new HostCredentials("hk-0f3a9c2e81d4", "secret")));
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];
        var machine = (UploadMachine)Samples.All()[typeof(UploadMachine)];
        var other = CreateTestProbe();

        link.Tell(usage, TestActor);
        link.Tell(machine, other.Ref);
        client.ExpectMsg<ClusterClient.Send>();
        client.ExpectMsg<ClusterClient.Send>();
        link.Tell(new UploadRejected(machine.UploadId, "InvalidUpload", "bad"), client.Ref);
        link.Tell(new UploadAccepted(usage.UploadId, 1), client.Ref);

        Assert.Equal(usage.UploadId, ExpectMsg<UploadAccepted>().UploadId);
        Assert.Equal(machine.UploadId, other.ExpectMsg<UploadRejected>().UploadId);
        link.Tell(HostLink.GetPendingRoutes.Instance);
        Assert.Equal(0, ExpectMsg<HostLink.PendingRoutes>().Count);
    }

    [Fact]
    public void HostLink_DropsReplyAfterRouteExpired()
    {
        var clock = new ManualClock(Samples.At);
        var client = CreateTestProbe();
        var link = Sys.ActorOf(HostLink.Props(client.Ref, new HostCredentials("hk-0f3a9c2e81d4", "secret"), TimeSpan.FromMinutes(10), clock));
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];
        link.Tell(usage);
        client.ExpectMsg<ClusterClient.Send>();

        clock.Advance(TimeSpan.FromMinutes(11));
        link.Tell(HostLink.PurgeExpiredRoutes.Instance);
        link.Tell(HostLink.GetPendingRoutes.Instance);
        var pending = ExpectMsg<HostLink.PendingRoutes>();
        link.Tell(new UploadAccepted(usage.UploadId, 1), client.Ref);

        Assert.Equal(0, pending.Count);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void HostCredentials_ToStringLeavesKeyOut()
    {
        var credentials = new HostCredentials("hk-0f3a9c2e81d4", "secret-key-value");

        Assert.DoesNotContain("secret-key-value", credentials.ToString());
        Assert.Contains("hk-0f3a9c2e81d4", credentials.ToString());
    }

    [Fact]
    public void HostCredentials_MissingSettingNamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => HostCredentials.FromConfig(ConfigurationFactory.ParseString("arcactors.host.key-id = hk-1")));

        Assert.Contains(HostCredentials.KeySetting, error.Message);
        Assert.Contains("arcactors host enroll", error.Message);
    }

    private IActorRef StartChannel(HostCredentials credentials) => Sys.ActorOf(UploadChannel.Props(StartLink(credentials), _settings));

    private IActorRef StartLink(HostCredentials credentials)
    {
        var contact = ActorPath.Parse($"akka.tcp://cloud@127.0.0.1:{_cloudPort}/system/receptionist");
        var clientSettings = ClusterClientSettings.Create(Sys).WithInitialContacts(ImmutableHashSet.Create(contact));
        var client = Sys.ActorOf(ClusterClient.Props(clientSettings));
        return Sys.ActorOf(HostLink.Props(client, credentials));
    }

    private static Config HostConfig() =>
        ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
            akka.remote.dot-netty.tcp.port = 0
            """).WithFallback(SharedConfig());

    // Short heartbeats and retry intervals, so a restarted cloud is found again within seconds.
    private static Config SharedConfig() =>
        ConfigurationFactory.ParseString("""
            akka.actor.serialize-messages = on
            akka.loglevel = WARNING
            akka.remote.retry-gate-closed-for = 1s
            akka.cluster.client {
              use-legacy-serialization = off
              establishing-get-contacts-interval = 1s
              heartbeat-interval = 1s
              acceptable-heartbeat-pause = 3s
              reconnect-timeout = off
            }
            """)
            .WithFallback(SerializationConfig.Hocon)
            .WithFallback(ClusterClientReceptionist.DefaultConfig());

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _cloud is not null)
        {
            _cloud.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30));
        }

        base.Dispose(disposing);
        if (disposing)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A one-node cluster with the real ingress registered at its receptionist, whose regions acknowledge every upload.</summary>
    private sealed class Cloud : IAsyncDisposable
    {
        private readonly ActorSystem _system;
        private readonly ConcurrentQueue<Guid> _forwarded;

        private Cloud(ActorSystem system, ConcurrentQueue<Guid> forwarded)
        {
            _system = system;
            _forwarded = forwarded;
        }

        public static async Task<Cloud> StartAsync(int port, EnrollmentStore store)
        {
            var config = ConfigurationFactory.ParseString($"""
                akka.actor.provider = cluster
                akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
                akka.remote.dot-netty.tcp.port = {port}
                akka.cluster.min-nr-of-members = 1
                """).WithFallback(SharedConfig());
            var system = ActorSystem.Create("cloud", config);
            var cluster = Cluster.Get(system);
            var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            cluster.RegisterOnMemberUp(() => up.SetResult());
            await cluster.JoinAsync(cluster.SelfAddress);
            await up.Task.WaitAsync(TimeSpan.FromSeconds(30));

            var forwarded = new ConcurrentQueue<Guid>();
            var region = system.ActorOf(Props.Create(() => new AcknowledgingRegion(forwarded)), "region");
            var subscriptions = system.ActorOf(Props.Create(() => new RegisteredSubscriptions()), "subscriptions");
            var ingress = system.ActorOf(IngressActor.Props(region, region, subscriptions, store, requireEnrollment: true), "ingress");
            ClusterClientReceptionist.Get(system).RegisterService(ingress);
            return new Cloud(system, forwarded);
        }

        public IReadOnlyList<Guid> ForwardedIds() => _forwarded.ToList();

        public async ValueTask DisposeAsync() => await _system.Terminate();
    }

    private sealed class AcknowledgingRegion : ReceiveActor
    {
        public AcknowledgingRegion(ConcurrentQueue<Guid> forwarded)
        {
            Receive<UploadInventory>(upload => Acknowledge(forwarded, upload.UploadId));
            Receive<UploadMachine>(upload => Acknowledge(forwarded, upload.UploadId));
            Receive<UploadUsage>(upload => Acknowledge(forwarded, upload.UploadId));
        }

        private void Acknowledge(ConcurrentQueue<Guid> forwarded, Guid uploadId)
        {
            forwarded.Enqueue(uploadId);
            Sender.Tell(new UploadAccepted(uploadId, 1));
        }
    }

    private sealed class RegisteredSubscriptions : ReceiveActor
    {
        public RegisteredSubscriptions() =>
            Receive<GetProviderRegistrations>(get => Sender.Tell(new ProviderRegistrations(get.SubscriptionId, 1, [Providers.ArcData])));
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan span) => _now += span;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
