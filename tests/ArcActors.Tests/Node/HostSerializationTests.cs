using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using ArcActors.Contracts;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Serialization;
using ArcActors.Node.Runtime;
using ArcActors.Tests.Contracts;
using Xunit;

namespace ArcActors.Tests.Node;

/// <summary>
/// What a host node puts on the wire: the cluster client wraps each upload in a pub-sub Send, which must
/// use Akka's protobuf serializer, not Newtonsoft JSON with .NET type names.
/// </summary>
public sealed class HostSerializationTests : IDisposable
{
    private readonly string _folder = TestConfig.TempFolder("host-serialization");

    [Fact]
    public async Task HostRole_SendUsesPubSubSerializer()
    {
        var system = StartHostSystem();
        try
        {
            var upload = AuthenticatedUpload.Wrap("hk-0123456789ab", "key", (IArcActorsMessage)Samples.All()[typeof(UploadUsage)]);
            var send = new Send("/user/ingress", upload);

            var serializer = system.Serialization.FindSerializerFor(send);
            var bytes = serializer.ToBinary(send);

            Assert.Equal(9, serializer.Identifier);
            Assert.Equal(ArcActorsSerializer.SerializerId, system.Serialization.FindSerializerFor(upload).Identifier);
            Assert.DoesNotContain("System.Private.CoreLib", System.Text.Encoding.UTF8.GetString(bytes));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task HostRole_ClusterClientMessagesAvoidNewtonsoft()
    {
        var system = StartHostSystem();
        try
        {
            var protocol = typeof(Akka.Cluster.Tools.Client.ClusterClient).Assembly.GetTypes()
                .Where(type => type is { IsClass: true, IsAbstract: false } && type.GetInterfaces().Any(face => face.Name == "IClusterClientMessage"))
                .ToList();

            var newtonsoft = protocol.Where(type => system.Serialization.FindSerializerForType(type).Identifier == 1).Select(type => type.FullName).ToList();

            Assert.NotEmpty(protocol);
            Assert.Empty(newtonsoft);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private ActorSystem StartHostSystem()
    {
        var file = Path.Combine(_folder, "host.conf");
        File.WriteAllText(file, $$"""
            arcactors.node { roles = [host], data = "{{_folder.Replace("\\", "\\\\")}}" }
            akka.cluster.client.initial-contacts = ["akka.tcp://arcactors@127.0.0.1:4053/system/receptionist"]
            """);
        return ActorSystem.Create("arcactors", NodeConfig.Load(file, "WARNING").Akka);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
