using ArcActors.Node.Commands;
using ArcActors.Node.Runtime;
using ArcActors.Tests.Postgres;
using Npgsql;
using Xunit;

namespace ArcActors.Tests.Node;

/// <summary>Start-up checks of <c>arcactors node</c>: each invalid setting stops the node with exit code 1 and a message naming it.</summary>
public sealed class NodeCommandTests : IDisposable
{
    private const string Seeds = "akka.cluster.seed-nodes = [\"akka.tcp://arcactors@127.0.0.1:4053\"]";

    private readonly string _folder = TestConfig.TempFolder("node-config");

    [Fact]
    public async Task Node_RejectsUnknownRole()
    {
        var (code, error) = await RunAsync("arcactors.node { roles = [dps, billing] }\n" + Seeds);

        Assert.Equal(1, code);
        Assert.Contains("unknown role 'billing'", error);
        Assert.Contains("dps, api, host", error);
    }

    [Fact]
    public async Task Node_RejectsDpsWithoutSeedNodes()
    {
        var (code, error) = await RunAsync("arcactors.node { roles = [dps] }");

        Assert.Equal(1, code);
        Assert.Contains("akka.cluster.seed-nodes is empty", error);
        Assert.Contains("a dps node needs the cluster's seed nodes", error);
    }

    [Fact]
    public async Task Node_RejectsHostWithoutContacts()
    {
        var (code, error) = await RunAsync("arcactors.node { roles = [host] }");

        Assert.Equal(1, code);
        Assert.Contains("akka.cluster.client.initial-contacts is empty", error);
    }

    [Fact]
    public async Task Node_RejectsRemotingPortInUse()
    {
        var port = NodeProcess.FreePort();
        var holder = Akka.Actor.ActorSystem.Create("port-holder", Akka.Configuration.ConfigurationFactory.ParseString(
            $"akka.actor.provider = remote\nakka.remote.dot-netty.tcp {{ hostname = \"127.0.0.1\", port = {port} }}"));
        try
        {
            var (code, error) = await RunAsync($"arcactors.node {{ roles = [dps], data = \"{Escape(Path.Combine(_folder, "data"))}\" }}\n"
                + $"akka.remote.dot-netty.tcp.port = {port}\n" + Seeds);

            Assert.Equal(1, code);
            Assert.Contains($"remoting port {port} on 127.0.0.1 (akka.remote.dot-netty.tcp.port) is in use", error);
            Assert.False(File.Exists(Path.Combine(_folder, "data", "journal.db")));
        }
        finally
        {
            await holder.Terminate();
        }
    }

    [Fact]
    public async Task Node_MissingConnectionStringVariableNamesFile()
    {
        var variable = $"ARCACTORS_TEST_UNSET_{Guid.NewGuid():N}";

        var (code, error) = await RunAsync($"arcactors.node {{ roles = [dps], persistence {{ provider = postgres, connection-string-env = {variable} }} }}\n" + Seeds);

        Assert.Equal(1, code);
        Assert.Contains($"environment variable {variable}", error);
        Assert.Contains("is not set or empty", error);
        Assert.Contains($"connection-string-env in {_folder}", error);
    }

    [PostgresFact]
    public async Task Node_MissingDatabaseMessageEndsSentence()
    {
        var variable = $"ARCACTORS_TEST_JOURNAL_{Guid.NewGuid():N}";
        var missing = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresDatabase.ServerVariable)) { Database = $"nosuchdb_{Guid.NewGuid():N}" };
        Environment.SetEnvironmentVariable(variable, missing.ConnectionString);
        try
        {
            var (code, error) = await RunAsync($"arcactors.node {{ roles = [api], data = \"{Escape(Path.Combine(_folder, "data"))}\", api.port = 0, "
                + $"persistence {{ provider = postgres, connection-string-env = {variable} }} }}");

            Assert.Equal(1, code);
            Assert.Contains($"database \"{missing.Database}\" does not exist. Check that the server runs", error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Node_RejectsPostgresWithoutVariableName()
    {
        var (code, error) = await RunAsync("arcactors.node { roles = [dps], persistence.provider = postgres }\n" + Seeds);

        Assert.Equal(1, code);
        Assert.Contains("connection-string-env is missing", error);
    }

    [Theory]
    [InlineData("arcactors.node { roles = [dps, persistence { provider = sqlite } ] }", "roles in", "contains a value that is not a role name")]
    [InlineData("arcactors.node { roles = [dps], data = ${?ARCACTORS_TEST_UNSET_DATA} }", "data in", "is empty; give a folder")]
    public async Task Node_RejectsValueReadAsEmpty(string text, string setting, string message)
    {
        var (code, error) = await RunAsync(text + "\n" + Seeds);

        Assert.Equal(1, code);
        Assert.Contains($"arcactors.node.{setting}", error);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Node_RejectsDataThatIsAFile()
    {
        var file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "not a folder");

        var (code, error) = await RunAsync($"arcactors.node {{ roles = [dps], data = \"{Escape(file)}\" }}\n" + Seeds);

        Assert.Equal(1, code);
        Assert.Contains($"arcactors.node.data {file} in", error);
        Assert.Contains("is a file; give a folder", error);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public async Task Node_RejectsUnreadableCertificate()
    {
        var missing = Path.Combine(_folder, "missing.pfx");

        var (code, error) = await RunAsync($"arcactors.node {{ roles = [api], data = \"{Escape(Path.Combine(_folder, "data"))}\", api {{ port = 0, certificate = \"{Escape(missing)}\" }} }}");

        Assert.Equal(1, code);
        Assert.Contains("arcactors.node.api.certificate", error);
        Assert.Contains($"the file '{missing}' is not found", error);
    }

    [Theory]
    [InlineData("arcactors.node { roles = [dps], datafolder = x }", "arcactors.node.datafolder")]
    [InlineData("arcactors.node { roles = [api], api { prot = 8443 } }", "arcactors.node.api.prot")]
    [InlineData("arcactors.node { roles = [dps], persistence { provder = sqlite } }", "arcactors.node.persistence.provder")]
    public async Task Node_RejectsUnknownSetting(string text, string setting)
    {
        var (code, error) = await RunAsync(text + "\n" + Seeds);

        Assert.Equal(1, code);
        Assert.Contains($"{setting} in ", error);
        Assert.Contains("is not a known setting", error);
    }

    [Fact]
    public async Task Node_RejectsMissingConfigFile()
    {
        var missing = Path.Combine(_folder, "none.conf");

        var code = await NodeCommand.RunAsync(new NodeCommand.Options(missing, Verbose: false), TextWriter.Null, _error, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains($"cannot read the node file '{missing}'", _error.ToString());
    }

    [Fact]
    public void NodeConfig_ConnectionStringComesFromEnvironment()
    {
        var variable = $"ARCACTORS_TEST_JOURNAL_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "Host=127.0.0.1;Password=secret-value");
        try
        {
            var path = Write($"arcactors.node {{ roles = [dps], persistence {{ provider = postgres, connection-string-env = {variable} }} }}\n" + Seeds);

            var config = NodeConfig.Load(path, "WARNING");

            Assert.Equal("Host=127.0.0.1;Password=secret-value", config.Akka.GetString("akka.persistence.journal.sql.connection-string"));
            Assert.Equal("PostgreSQL.15", config.Akka.GetString("akka.persistence.journal.sql.provider-name"));
            Assert.Equal("dps", config.Akka.GetString("akka.cluster.sharding.role"));
            Assert.Equal(["dps"], config.Akka.GetStringList("akka.cluster.roles"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void NodeConfig_NodeFileOverridesRoleFile()
    {
        var path = Write("arcactors.node { roles = [dps] }\n" + Seeds + "\nakka.remote.dot-netty.tcp.port = 5999");

        var config = NodeConfig.Load(path, "WARNING");

        Assert.Equal(5999, config.Akka.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal("ddata", config.Akka.GetString("akka.cluster.sharding.state-store-mode"));
        Assert.Equal("keep-majority", config.Akka.GetString("akka.cluster.split-brain-resolver.active-strategy"));
    }

    private readonly StringWriter _error = new();

    private async Task<(int Code, string Error)> RunAsync(string nodeFile)
    {
        var path = Write(nodeFile);
        var code = await NodeCommand.RunAsync(new NodeCommand.Options(path, Verbose: false), TextWriter.Null, _error, CancellationToken.None);
        return (code, _error.ToString());
    }

    private string Write(string text)
    {
        var path = Path.Combine(_folder, $"node-{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, text);
        return path;
    }

    private static string Escape(string path) => path.Replace("\\", "\\\\");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
