using ArcActors.Tests.Postgres;
using Xunit;

namespace ArcActors.Tests.Node;

/// <summary>Runs <c>arcactors node</c> as separate processes on loopback, as an operator would.</summary>
public sealed class NodeExecutableTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly string _folder = TestConfig.TempFolder("node-exe");

    [Fact]
    public async Task Node_DpsOnSqliteReportsUpAndStopsOnSigterm()
    {
        var port = NodeProcess.FreePort();
        var config = WriteConfig("one", port, [port], "management-port = 0");

        using var node = NodeProcess.Start(config);
        var health = await node.WaitForHealthAddressAsync(StartTimeout);
        var (status, body) = await NodeProcess.GetHealthAsync(health);

        Assert.Equal(200, status);
        Assert.Equal("ok", (string?)body!["status"]);
        Assert.Equal("Up", (string?)body["member"]);
        Assert.Equal("writable", (string?)body["journal"]);

        node.SendSigterm();
        Assert.True(node.WaitForExit(TimeSpan.FromSeconds(60)), "node did not exit within 60 s of SIGTERM:\n" + node.Output);
        Assert.Equal(0, node.ExitCode);
        Assert.Contains("node stopped", node.Output);
    }

    [Fact]
    public async Task Node_ApiServesHealthWithoutToken()
    {
        var port = NodeProcess.FreePort();
        var config = WriteConfig("api", port, [port], "roles = [dps, api]\napi.port = 0", roles: null);

        using var node = NodeProcess.Start(config);
        var health = await node.WaitForHealthAddressAsync(StartTimeout);
        var (status, body) = await NodeProcess.GetHealthAsync(health);

        Assert.Equal("https", health.Scheme);
        Assert.Equal(200, status);
        Assert.Equal("Up", (string?)body!["member"]);
        Assert.Equal("writable", (string?)body["journal"]);
    }

    [PostgresFact]
    public async Task Node_TwoDpsNodesSurviveOneSigterm()
    {
        using var database = PostgresDatabase.Create();
        var environment = new Dictionary<string, string> { ["ARCACTORS_TEST_NODE_JOURNAL"] = database.ConnectionString };
        const string persistence = "management-port = 0\npersistence { provider = postgres, connection-string-env = ARCACTORS_TEST_NODE_JOURNAL }";
        var firstPort = NodeProcess.FreePort();
        var secondPort = NodeProcess.FreePort();

        using var first = NodeProcess.Start(WriteConfig("first", firstPort, [firstPort], persistence), environment);
        var firstHealth = await first.WaitForHealthAddressAsync(StartTimeout);
        using var second = NodeProcess.Start(WriteConfig("second", secondPort, [firstPort, secondPort], persistence), environment);
        var secondHealth = await second.WaitForHealthAddressAsync(StartTimeout);

        var (firstStatus, firstBody) = await NodeProcess.GetHealthAsync(firstHealth);
        var (secondStatus, secondBody) = await NodeProcess.GetHealthAsync(secondHealth);
        Assert.Equal(200, firstStatus);
        Assert.Equal("Up", (string?)firstBody!["member"]);
        Assert.Equal(200, secondStatus);
        Assert.Equal("Up", (string?)secondBody!["member"]);

        second.SendSigterm();
        Assert.True(second.WaitForExit(TimeSpan.FromSeconds(60)), "second node did not exit within 60 s of SIGTERM:\n" + second.Output);
        Assert.Equal(0, second.ExitCode);

        var (afterStatus, afterBody) = await NodeProcess.GetHealthAsync(firstHealth);
        Assert.Equal(200, afterStatus);
        Assert.Equal("Up", (string?)afterBody!["member"]);
        Assert.Equal("writable", (string?)afterBody["journal"]);
    }

    // Writes a node file for a dps node on loopback port remotingPort whose seed nodes are on seedPorts.
    private string WriteConfig(string name, int remotingPort, int[] seedPorts, string extra, string? roles = "roles = [dps]")
    {
        var data = Path.Combine(_folder, name).Replace("\\", "\\\\");
        var seeds = string.Join(", ", seedPorts.Select(p => $"\"akka.tcp://arcactors@127.0.0.1:{p}\""));
        var text = $$"""
            arcactors.node {
              {{roles}}
              data = "{{data}}"
              {{extra}}
            }
            akka.cluster.seed-nodes = [{{seeds}}]
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{remotingPort}} }
            """;
        var path = Path.Combine(_folder, name + ".conf");
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
