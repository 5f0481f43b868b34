using Akka.Configuration;
using ArcActors.Dps.Ingress;
using ArcActors.Node.Commands;
using ArcActors.Tests.Contracts;
using ArcActors.Tests.Postgres;
using Xunit;

namespace ArcActors.Tests.Node;

/// <summary><c>arcactors host enroll --config</c>: which node files it accepts and what it needs from the environment.</summary>
public sealed class HostEnrollCommandTests : IDisposable
{
    private readonly string _folder = TestConfig.TempFolder("host-enroll");

    [Fact]
    public async Task HostEnroll_RejectsHostOnlyNodeFile()
    {
        var nodeFile = Write("host-1.conf", $$"""
            arcactors.node { roles = [host], data = "{{Escape(Data)}}" }
            akka.cluster.client.initial-contacts = ["akka.tcp://arcactors@127.0.0.1:4053/system/receptionist"]
            """);

        var error = await Assert.ThrowsAsync<IOException>(() => EnrollAsync(nodeFile, new StringWriter()));

        Assert.Contains("roles [host]", error.Message);
        Assert.Contains("neither dps nor api", error.Message);
        Assert.Contains("node file of a dps node", error.Message);
        Assert.False(File.Exists(EnrollmentStore.DefaultPath(Data)));
    }

    [Fact]
    public async Task HostEnroll_ConfigNeedsNoRemotingCertificate()
    {
        var unsetPassword = $"ARCACTORS_TEST_UNSET_{Guid.NewGuid():N}";
        var nodeFile = Write("dps-1.conf", $$"""
            arcactors.node {
              roles = [dps]
              data = "{{Escape(Data)}}"
              tls { certificate = "{{Escape(Path.Combine(_folder, "missing.pfx"))}}", password-env = {{unsetPassword}} }
            }
            akka.cluster.seed-nodes = ["akka.ssl.tcp://arcactors@127.0.0.1:4053"]
            """);
        var output = new StringWriter();

        var exit = await EnrollAsync(nodeFile, output);

        Assert.Equal(0, exit);
        var printed = ConfigurationFactory.ParseString(output.ToString());
        var verified = new EnrollmentStore(EnrollmentStore.DefaultPath(Data)).Verify(printed.GetString("arcactors.host.key-id"), printed.GetString("arcactors.host.key"));
        Assert.Equal(Samples.VmId, verified);
    }

    [PostgresFact]
    public async Task HostEnroll_ReenrollOnPostgresNamesCacheTime()
    {
        using var database = PostgresDatabase.Create();
        var variable = $"ARCACTORS_TEST_ENROLL_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, database.ConnectionString);
        var nodeFile = Write("dps-pg.conf", $$"""
            arcactors.node {
              roles = [dps]
              data = "{{Escape(Data)}}"
              persistence { provider = postgres, connection-string-env = {{variable}} }
            }
            akka.cluster.seed-nodes = ["akka.tcp://arcactors@127.0.0.1:4053"]
            """);
        var second = new StringWriter();

        try
        {
            await EnrollAsync(nodeFile, new StringWriter());
            await EnrollAsync(nodeFile, second);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Assert.Contains($"stop working within {PostgresEnrollmentStore.CacheTime.TotalSeconds:0} s on every dps node", second.ToString());
    }

    [Fact]
    public async Task HostEnroll_SqlServerNodeNamesFileCopy()
    {
        var variable = $"ARCACTORS_TEST_ENROLL_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "Server=sql.example.net;Database=arcactors;Integrated Security=true;Encrypt=true");
        var nodeFile = Write("dps-sql.conf", $$"""
            arcactors.node {
              roles = [dps]
              data = "{{Escape(Data)}}"
              persistence { provider = sqlserver, connection-string-env = {{variable}} }
            }
            akka.cluster.seed-nodes = ["akka.tcp://arcactors@127.0.0.1:4053"]
            """);
        var output = new StringWriter();
        var first = new StringWriter();

        try
        {
            Assert.Equal(0, await EnrollAsync(nodeFile, first));
            Assert.Equal(0, await EnrollAsync(nodeFile, output));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        var store = EnrollmentStore.DefaultPath(Data);
        Assert.Contains($"Copy {Path.GetFullPath(store)} to the data folder of every other dps node.", output.ToString());
        Assert.Contains("stop working now on this node, and on each other dps node once the file is copied there", output.ToString());
        var printed = ConfigurationFactory.ParseString(output.ToString());
        Assert.Equal(Samples.VmId, new EnrollmentStore(store).Verify(printed.GetString("arcactors.host.key-id"), printed.GetString("arcactors.host.key")));
    }

    [Fact]
    public async Task HostEnroll_SqliteNodeNamesNoCopy()
    {
        var nodeFile = Write("dps-1.conf", $$"""
            arcactors.node { roles = [dps], data = "{{Escape(Data)}}" }
            akka.cluster.seed-nodes = ["akka.tcp://arcactors@127.0.0.1:4053"]
            """);
        var output = new StringWriter();

        Assert.Equal(0, await EnrollAsync(nodeFile, output));

        Assert.DoesNotContain("to the data folder of every", output.ToString());
    }

    [Fact]
    public async Task HostEnroll_MachineWithControlCharactersEscaped()
    {
        var error = await Assert.ThrowsAsync<CommandLineException>(
            () => CommandLine.RunAsync(["host", "enroll", "--machine", "abc\n\u001b[31mRED", "--data", Data], new StringWriter(), CancellationToken.None));

        Assert.Contains("--machine 'abc\\u000A\\u001B[31mRED' is not a vmId", error.Message);
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task HostEnroll_LongMachineShortened()
    {
        var error = await Assert.ThrowsAsync<CommandLineException>(
            () => CommandLine.RunAsync(["host", "enroll", "--machine", new string('x', 5000), "--data", Data], new StringWriter(), CancellationToken.None));

        Assert.Contains($"--machine '{new string('x', ShownValue.MaxLength)}... (5000 characters)' is not a vmId", error.Message);
        Assert.True(error.Message.Length < 300, $"the message has {error.Message.Length} characters");
    }

    [Fact]
    public void Help_NamesHostRoleAndReplacedKeyDelay()
    {
        Assert.Contains("roles (dps, api, host)", CommandLine.Help);
        Assert.Contains($"within {PostgresEnrollmentStore.CacheTime.TotalSeconds:0} s on every node of a PostgreSQL cluster", CommandLine.Help);
    }

    private string Data => Path.Combine(_folder, "data");

    private static Task<int> EnrollAsync(string nodeFile, TextWriter output) =>
        CommandLine.RunAsync(["host", "enroll", "--machine", Samples.VmId.ToString(), "--config", nodeFile], output, CancellationToken.None);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Escape(string path) => path.Replace("\\", "\\\\");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
