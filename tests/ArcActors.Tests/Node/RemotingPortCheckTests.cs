using Akka.Actor;
using Akka.Configuration;
using ArcActors.Node.Runtime;
using Xunit;

namespace ArcActors.Tests.Node;

/// <summary>The remoting port check against a real Akka remoting listener on loopback.</summary>
public sealed class RemotingPortCheckTests
{
    [Fact]
    public async Task PortCheck_PortOfLiveSystem_IsRejected()
    {
        var config = RemoteConfig(NodeProcess.FreePort());
        var system = ActorSystem.Create("port-holder", config);
        try
        {
            var error = Assert.Throws<NodeConfigException>(() => RemotingPortCheck.EnsureFree(config));

            Assert.Contains($"remoting port {config.GetInt("akka.remote.dot-netty.tcp.port")} on 127.0.0.1", error.Message);
            Assert.Contains("akka.remote.dot-netty.tcp.port", error.Message);
            Assert.Contains("give this node another port", error.Message);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task PortCheck_PortAfterSystemStops_IsFree()
    {
        var config = RemoteConfig(NodeProcess.FreePort());
        var system = ActorSystem.Create("port-holder", config);
        await system.Terminate();

        RemotingPortCheck.EnsureFree(config);

        var again = ActorSystem.Create("port-holder", config);
        Assert.Equal(config.GetInt("akka.remote.dot-netty.tcp.port"), ((ExtendedActorSystem)again).Provider.DefaultAddress.Port);
        await again.Terminate();
    }

    [Fact]
    public void PortCheck_ForeignAddress_NamesHostname()
    {
        // 192.0.2.1 is in TEST-NET-1 (RFC 5737), which no machine here has; nothing is sent to it.
        var config = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp { hostname = \"192.0.2.1\", port = 4053 }");

        var error = Assert.Throws<NodeConfigException>(() => RemotingPortCheck.EnsureFree(config));

        Assert.Contains("remoting host '192.0.2.1'", error.Message);
        Assert.Contains("not an address of this machine", error.Message);
    }

    private static Config RemoteConfig(int port) => ConfigurationFactory.ParseString($$"""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{port}} }
        akka.loglevel = WARNING
        """);
}
