using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ArcActors.Arm.Auth;
using ArcActors.Node.Runtime;
using Xunit;

namespace ArcActors.Tests.Node;

/// <summary>What <c>arcactors node</c> creates in and around a node's data folder, by role.</summary>
public sealed class NodeDataFolderTests : IDisposable
{
    private readonly string _folder = TestConfig.TempFolder("node-data");

    [Fact]
    public async Task HostOnlyNode_CreatesNoCloudFiles()
    {
        var data = Path.Combine(_folder, "host-1");
        var unusedPort = NodeProcess.FreePort();
        var nodeFile = Write("host-1.conf", $$"""
            arcactors.node { roles = [host], data = "{{Escape(data)}}" }
            arcactors.host {
              vm-id = "{{Guid.NewGuid():D}}", subscription-id = "3b55f041-58d7-4307-b59a-c390da3fb077", resource-group = "rg", location = "westeurope"
              host-name = "host-1", key-id = "hk-000000000001", key = "not-enrolled"
            }
            akka.cluster.client.initial-contacts = ["akka.tcp://arcactors@127.0.0.1:{{unusedPort}}/system/receptionist"]
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """);
        var output = new StringWriter();

        await using (var node = await NodeRuntime.StartAsync(NodeConfig.Load(nodeFile, "WARNING"), output, CancellationToken.None))
        {
            Assert.NotNull(node.HostAgent);
            Assert.Throws<InvalidOperationException>(() => node.Store);
        }

        Assert.False(File.Exists(Path.Combine(data, "journal.db")));
        Assert.False(File.Exists(Path.Combine(data, "readstore.db")));
        Assert.Contains("roles host,", output.ToString());
        Assert.DoesNotContain("journal", output.ToString());
    }

    [Fact]
    public void NodeSettings_ReadsTokenKeyFile()
    {
        var nodeFile = Write("api.conf", "arcactors.node { roles = [api], api { port = 0, token-key-file = \"/etc/arcactors/api-token.key\" } }");

        var config = NodeConfig.Load(nodeFile, "WARNING");

        Assert.Equal("/etc/arcactors/api-token.key", config.Settings.Api!.TokenKeyFile);
    }

    [Fact]
    public async Task ApiNode_SignsTokensWithTokenKeyFile()
    {
        var data = Path.Combine(_folder, "api-1");
        var keyFile = Path.Combine(_folder, "shared", "api-token.key");
        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        var shared = TokenKey.LoadOrCreate(keyFile);
        var nodeFile = Write("api-1.conf", $$"""
            arcactors.node { roles = [api], data = "{{Escape(data)}}", api { port = 0, token-key-file = "{{Escape(keyFile)}}" } }
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """);
        var output = new StringWriter();

        HttpStatusCode sharedKeyStatus;
        HttpStatusCode otherKeyStatus;
        await using (await NodeRuntime.StartAsync(NodeConfig.Load(nodeFile, "WARNING"), output, CancellationToken.None))
        {
            var baseAddress = new Uri(Regex.Match(output.ToString(), @"ARM API on (\S+) ").Groups[1].Value);
            var other = TokenKey.LoadOrCreate(Path.Combine(_folder, "other-token.key"));
            sharedKeyStatus = await GetInstancesAsync(baseAddress, shared);
            otherKeyStatus = await GetInstancesAsync(baseAddress, other);
        }

        Assert.NotEqual(HttpStatusCode.Unauthorized, sharedKeyStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, otherKeyStatus);
        Assert.False(File.Exists(TokenKey.DefaultPath(data)));
    }

    private static async Task<HttpStatusCode> GetInstancesAsync(Uri baseAddress, TokenKey key)
    {
        const string Subscription = "3b55f041-58d7-4307-b59a-c390da3fb077";
        var token = ArmTokens.Issue(key, "tester", "Reader", $"/subscriptions/{Subscription}", TimeSpan.FromMinutes(5), TimeProvider.System);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/subscriptions/{Subscription}/providers/Microsoft.AzureArcData/sqlServerInstances?api-version=2024-01-01");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Escape(string path) => path.Replace("\\", "\\\\");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
