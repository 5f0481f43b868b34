using ArcActors.Dps.Ingress;
using ArcActors.Node.Commands;
using ArcActors.Node.Runtime;
using ArcActors.ReadModel;
using ArcActors.Tests.Contracts;
using Xunit;

namespace ArcActors.Tests.Node;

/// <summary>
/// A malformed connection string whose password is joined to the next keyword by a missing '=': every
/// message about it names the variable and the keyword, and contains no part of any value.
/// </summary>
public sealed class ConnectionStringSecrecyTests : IDisposable
{
    private const string Secret = "S3cretPw";
    private const string Seeds = "akka.cluster.seed-nodes = [\"akka.tcp://arcactors@127.0.0.1:4053\"]";
    private const string MissingEquals = "Host=127.0.0.1;Port=47222;Password " + Secret + ";Database=arcactors";

    private readonly string _folder = TestConfig.TempFolder("connection-string");
    private readonly string _variable = $"ARCACTORS_TEST_JOURNAL_{Guid.NewGuid():N}";

    [Fact]
    public async Task NodeCommand_MalformedConnectionStringHidesPassword()
    {
        Environment.SetEnvironmentVariable(_variable, MissingEquals);
        var nodeFile = WriteNodeFile("postgres");
        var error = new StringWriter();

        var code = await NodeCommand.RunAsync(new NodeCommand.Options(nodeFile, Verbose: false), TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains($"the connection string in {_variable}", error.ToString());
        Assert.Contains("not a valid Npgsql connection string", error.ToString());
        Assert.Contains("keyword 'password'", error.ToString());
        AssertNoValue(error.ToString());
    }

    [Fact]
    public async Task HostEnroll_MalformedConnectionStringHidesPassword()
    {
        Environment.SetEnvironmentVariable(_variable, MissingEquals);
        var nodeFile = WriteNodeFile("postgres");

        var error = await Assert.ThrowsAsync<IOException>(() => CommandLine.RunAsync(
            ["host", "enroll", "--machine", Samples.VmId.ToString(), "--config", nodeFile], new StringWriter(), CancellationToken.None));

        Assert.Contains($"the connection string in {_variable}", error.Message);
        Assert.Contains("keyword 'password'", error.Message);
        AssertNoValue(error.ToString());
    }

    [Theory]
    [InlineData(AkkaConfig.Postgres, "Host=127.0.0.1;Port=" + Secret + ";Database=arcactors", "keyword 'port' has an invalid value")]
    [InlineData(AkkaConfig.SqlServer, "Server=127.0.0.1;Password " + Secret + ";Database=arcactors", "keyword 'password'")]
    [InlineData(AkkaConfig.SqlServer, "Server=127.0.0.1;Connect Timeout=" + Secret, "keyword 'connect timeout' has an invalid value")]
    [InlineData(AkkaConfig.Sqlite, "Data Source=journal.db;Mode=" + Secret, "keyword 'mode' has an invalid value")]
    [InlineData(AkkaConfig.Postgres, "Host=127.0.0.1;Password='" + Secret, "syntax is invalid")]
    [InlineData(AkkaConfig.Postgres, "Host=127.0.0.1;" + Secret + "=x", "a keyword is unknown to the provider")]
    public void NodeConfig_InvalidConnectionStringNamesKeywordOnly(string provider, string connectionString, string expected)
    {
        Environment.SetEnvironmentVariable(_variable, connectionString);
        var nodeFile = WriteNodeFile(provider);

        var error = Assert.Throws<NodeConfigException>(() => NodeConfig.Load(nodeFile, "WARNING"));

        Assert.Contains($"not a valid {AkkaConfig.ProviderLibrary(provider)} connection string", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains(nodeFile, error.Message);
        AssertNoValue(error.Message);
    }

    [Fact]
    public void PostgresEnrollmentStore_MalformedConnectionStringHidesPassword()
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgresEnrollmentStore(MissingEquals));

        Assert.Contains("not a valid Npgsql connection string", error.Message);
        AssertNoValue(error.ToString());
    }

    [Fact]
    public void ReadStore_MalformedConnectionStringHidesPassword()
    {
        var error = Assert.Throws<ArgumentException>(() => ReadStore.OpenPostgres(MissingEquals));

        Assert.Contains("not a valid Npgsql connection string", error.Message);
        AssertNoValue(error.ToString());
    }

    // ToString() covers inner exceptions and the stack trace, which an unhandled exception prints.
    private static void AssertNoValue(string text)
    {
        Assert.DoesNotContain(Secret, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("47222", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
    }

    private string WriteNodeFile(string provider)
    {
        var path = Path.Combine(_folder, $"dps-{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, $$"""
            arcactors.node {
              roles = [dps]
              data = "{{Path.Combine(_folder, "data").Replace("\\", "\\\\")}}"
              persistence { provider = {{provider}}, connection-string-env = {{_variable}} }
            }
            {{Seeds}}
            """);
        return path;
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        Directory.Delete(_folder, recursive: true);
    }
}
