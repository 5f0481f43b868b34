using Akka.Actor;
using ArcActors.Dps.Ingress;
using ArcActors.Host.Agent;
using ArcActors.Node.Runtime;
using Xunit;

namespace ArcActors.Tests.Node;

/// <summary>
/// A cloud node (role dps) and a host node (role host) from node files, linked by ClusterClient over
/// loopback remoting. The host's machine upload carries its enrollment key and becomes a machine
/// resource. A host whose key is enrolled for another machine is refused and creates nothing.
/// </summary>
public sealed class HostNodeTests : IAsyncLifetime
{
    private const string Subscription = "3b55f041-58d7-4307-b59a-c390da3fb077";
    private readonly string _folder = TestConfig.TempFolder("host-node");
    private readonly int _cloudPort = NodeProcess.FreePort();
    private NodeRuntime _cloud = null!;

    public async Task InitializeAsync()
    {
        var file = Write("cloud.conf", $$"""
            arcactors.node { roles = [dps], data = "{{Escape(Path.Combine(_folder, "cloud"))}}" }
            akka.cluster.seed-nodes = ["akka.tcp://arcactors@127.0.0.1:{{_cloudPort}}"]
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{_cloudPort}} }
            """);
        _cloud = await NodeRuntime.StartAsync(NodeConfig.Load(file, "WARNING"), TextWriter.Null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _cloud.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task HostNode_EnrolledMachineCreatesResource()
    {
        var vmId = Guid.NewGuid();
        var key = new EnrollmentStore(EnrollmentStore.DefaultPath(Path.Combine(_folder, "cloud"))).Enroll(vmId, DateTimeOffset.UtcNow);

        await using var host = await StartHostAsync("enrolled", vmId, key.HostKeyId, key.Key);

        var cycle = await CycleAsync(host);
        await _cloud.Dps!.CatchUpAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(cycle.Errors);
        Assert.Equal(1, MachineCount());
    }

    [Fact]
    public async Task HostNode_KeyOfAnotherMachineRefused()
    {
        var other = new EnrollmentStore(EnrollmentStore.DefaultPath(Path.Combine(_folder, "cloud"))).Enroll(Guid.NewGuid(), DateTimeOffset.UtcNow);

        await using var host = await StartHostAsync("claims-other", Guid.NewGuid(), other.HostKeyId, other.Key);

        var cycle = await CycleAsync(host);
        await _cloud.Dps!.CatchUpAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(cycle.Errors, error => error.Contains(IngressActor.HostNotAuthorizedCode, StringComparison.Ordinal));
        Assert.Contains(cycle.Errors, error => error.Contains("--config DPS-NODE-FILE", StringComparison.Ordinal));
        Assert.Equal(0, MachineCount());
    }

    private async Task<NodeRuntime> StartHostAsync(string name, Guid vmId, string keyId, string key)
    {
        var file = Write($"{name}.conf", $$"""
            arcactors.node { roles = [host], data = "{{Escape(Path.Combine(_folder, name))}}" }
            arcactors.host {
              vm-id = "{{vmId:D}}", subscription-id = "{{Subscription}}", resource-group = "rg", location = "westeurope"
              host-name = "{{name}}", key-id = "{{keyId}}", key = "{{key}}"
            }
            akka.cluster.client.initial-contacts = ["akka.tcp://arcactors@127.0.0.1:{{_cloudPort}}/system/receptionist"]
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """);
        return await NodeRuntime.StartAsync(NodeConfig.Load(file, "WARNING"), TextWriter.Null, CancellationToken.None);
    }

    private int MachineCount() => _cloud.Store.GetCounts().Machines;

    // The agent starts a cycle of its own at once, and an explicit cycle sent meanwhile is skipped, so this repeats the request until one runs.
    private static async Task<InventoryCycleCompleted> CycleAsync(NodeRuntime host)
    {
        for (var attempt = 0; ; attempt++)
        {
            var cycle = await host.HostAgent!.Ask<InventoryCycleCompleted>(new RunInventoryCycle(DateTimeOffset.UtcNow), TimeSpan.FromMinutes(1));
            if (!cycle.Errors.Any(error => error.StartsWith("skipped", StringComparison.Ordinal)) || attempt == 20)
            {
                return cycle;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Escape(string path) => path.Replace("\\", "\\\\");
}
