using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using ArcActors.Node.Runtime;
using Xunit;

namespace ArcActors.Tests.Node;

/// <summary>
/// An api-only member beside a dps member whose distributed pub-sub mediator runs, both configured by
/// <see cref="NodeConfig"/> from the hocon files, in this process on loopback remoting. The mediator
/// gossips every 100 ms here, so a gossip to the api member would arrive many times within the wait.
/// </summary>
public sealed class PubSubRoleTests : TestKit
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(30);

    private readonly string _folder = TestConfig.TempFolder("pub-sub-role");
    private readonly List<ActorSystem> _systems = [];

    [Fact]
    public void NodeConfig_PubSubLimitedToDpsRole()
    {
        var dps = Load("dps", "roles = [dps]", "");
        var api = Load("api", "roles = [api]", "");

        Assert.Equal("dps", dps.GetString("akka.cluster.pub-sub.role"));
        Assert.Equal("dps", api.GetString("akka.cluster.pub-sub.role"));
        Assert.Contains("dps", AkkaConfig.Embedded(Path.Combine(_folder, "journal.db"), "WARNING").GetStringList("akka.cluster.roles"));
    }

    [Fact]
    public async Task PubSub_ApiMemberGetsNoMediatorGossip()
    {
        var failures = await StartPairAsync(dpsExtra: "");

        failures.ExpectNoMsg(TimeSpan.FromSeconds(3));
    }

    // Shows that the wait above can fail: with the role cleared, the api member logs the failures the role prevents.
    [Fact]
    public async Task PubSub_NoRoleFloodsApiMember()
    {
        var failures = await StartPairAsync(dpsExtra: "akka.cluster.pub-sub.role = \"\"");

        var warning = failures.ExpectMsg<LogEvent>(TimeSpan.FromSeconds(15));

        Assert.Contains("Deserialization failed", warning.ToString());
        Assert.Contains("distributedPubSubMediator", warning.ToString());
    }

    // Starts a dps member with its mediator and an api member, and returns a probe that receives the api member's
    // warnings and errors about the mediator's messages.
    private async Task<TestProbe> StartPairAsync(string dpsExtra)
    {
        var port = FreePort();
        var seed = $"akka.cluster.seed-nodes = [\"akka.tcp://arcactors@127.0.0.1:{port}\"]";
        var dps = Start(Load("dps", "roles = [dps]", $"akka.remote.dot-netty.tcp.port = {port}\n{seed}\nakka.cluster.pub-sub.gossip-interval = 100ms\n{dpsExtra}"));
        var api = Start(Load("api", "roles = [api]", $"akka.remote.dot-netty.tcp.port = 0\n{seed}"));

        var failures = CreateTestProbe(api);
        api.ActorOf(Props.Create(() => new MediatorFailureListener(failures.Ref)));
        await AwaitConditionAsync(() => Task.FromResult(Cluster.Get(dps).State.Members.Count(member => member.Status == MemberStatus.Up) == 2), JoinTimeout);

        var subscriber = CreateTestProbe(dps);
        DistributedPubSub.Get(dps).Mediator.Tell(new Subscribe("subscriptions", subscriber.Ref), subscriber.Ref);
        subscriber.ExpectMsg<SubscribeAck>();
        return failures;
    }

    private Akka.Configuration.Config Load(string name, string roles, string extra)
    {
        var file = Path.Combine(_folder, $"{name}-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, $$"""
            arcactors.node { {{roles}}, data = "{{Path.Combine(_folder, name).Replace("\\", "\\\\")}}" }
            akka.cluster.seed-nodes = ["akka.tcp://arcactors@127.0.0.1:4053"]
            {{extra}}
            """);
        return NodeConfig.Load(file, "WARNING").Akka;
    }

    private ActorSystem Start(Akka.Configuration.Config config)
    {
        var system = ActorSystem.Create("arcactors", config);
        _systems.Add(system);
        return system;
    }

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
        if (disposing)
        {
            Task.WhenAll(_systems.Select(system => system.Terminate())).Wait(TimeSpan.FromSeconds(30));
        }

        base.Dispose(disposing);
        if (disposing)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Forwards warnings and errors that mention the pub-sub mediator or a failed deserialization.</summary>
    private sealed class MediatorFailureListener : ReceiveActor
    {
        public MediatorFailureListener(IActorRef target)
        {
            Receive<LogEvent>(log =>
            {
                var text = log.Message?.ToString() ?? "";
                if (log.LogLevel() >= LogLevel.WarningLevel
                    && (text.Contains("distributedPubSubMediator", StringComparison.OrdinalIgnoreCase) || text.Contains("Deserialization failed", StringComparison.OrdinalIgnoreCase)))
                {
                    target.Tell(log);
                }
            });
        }

        protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(LogEvent));
    }
}
