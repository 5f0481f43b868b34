using Akka.Configuration;
using ArcActors.Dps.Ingress;
using ArcActors.Node.Commands;
using ArcActors.Node.Runtime;
using ArcActors.Tests.Contracts;
using ArcActors.Tests.Postgres;
using Npgsql;
using Xunit;

namespace ArcActors.Tests.Dps;

/// <summary>The enrollment keys every dps node of a PostgreSQL cluster shares, on a real server.</summary>
public sealed class PostgresEnrollmentStoreSpecs
{
    private static readonly Guid OtherVmId = Guid.Parse("0d7c8a51-3b8f-4a0e-9b1c-5c7f2e6a9d34");

    [PostgresFact]
    public void PostgresEnrollmentStore_KeyVerifiesOnOtherNode()
    {
        using var database = PostgresDatabase.Create();
        var enrolling = new PostgresEnrollmentStore(database.ConnectionString);
        var otherNode = new PostgresEnrollmentStore(database.ConnectionString);

        var issued = enrolling.Enroll(Samples.VmId, Samples.At);

        Assert.Equal(Samples.VmId, otherNode.Verify(issued.HostKeyId, issued.Key));
        Assert.Null(otherNode.Verify(issued.HostKeyId, issued.Key + "x"));
        Assert.Null(otherNode.Verify("hk-000000000000", issued.Key));
        Assert.Equal("the key is enrolled for another machine, and a host may only upload for its own machine",
            otherNode.AuthorizationError(issued.HostKeyId, issued.Key, OtherVmId));
    }

    [PostgresFact]
    public void PostgresEnrollmentStore_KeepsOnlyTheKeyHash()
    {
        using var database = PostgresDatabase.Create();
        var issued = new PostgresEnrollmentStore(database.ConnectionString).Enroll(Samples.VmId, Samples.At);

        var stored = ReadColumn(database, "key_sha256", issued.HostKeyId);

        Assert.Equal(EnrollmentKeys.HashHex(issued.Key), stored);
        Assert.NotEqual(issued.Key, stored);
        Assert.Equal(1, database.CountRows(PostgresEnrollmentStore.TableName));
    }

    [PostgresFact]
    public void PostgresEnrollmentStore_ReplacedKeyExpiresAfterCacheTime()
    {
        using var database = PostgresDatabase.Create();
        var clock = new VirtualClock(Samples.At);
        var node = new PostgresEnrollmentStore(database.ConnectionString, clock);
        var first = new PostgresEnrollmentStore(database.ConnectionString).Enroll(Samples.VmId, Samples.At);
        Assert.Equal(Samples.VmId, node.Verify(first.HostKeyId, first.Key));

        var second = new PostgresEnrollmentStore(database.ConnectionString).Enroll(Samples.VmId, Samples.At);

        Assert.Equal(1, second.ReplacedKeys);
        Assert.Equal(Samples.VmId, node.Verify(second.HostKeyId, second.Key));
        clock.Set(Samples.At + PostgresEnrollmentStore.CacheTime);
        Assert.Null(node.Verify(first.HostKeyId, first.Key));
        Assert.Equal(1, database.CountRows(PostgresEnrollmentStore.TableName));
    }

    [PostgresFact]
    public async Task PostgresEnrollmentStore_ConcurrentEnrollmentsKeepOneKey()
    {
        using var database = PostgresDatabase.Create();
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgresEnrollmentStore(database.ConnectionString)).ToList();

        var issued = await Task.WhenAll(stores.Select(store => Task.Run(() => store.Enroll(Samples.VmId, Samples.At))));

        Assert.Equal(1, database.CountRows(PostgresEnrollmentStore.TableName));
        var kept = new PostgresEnrollmentStore(database.ConnectionString);
        Assert.Single(issued, key => kept.Verify(key.HostKeyId, key.Key) == Samples.VmId);
    }

    [Fact]
    public void PostgresEnrollmentStore_UnreachableServerHidesPassword()
    {
        var store = new PostgresEnrollmentStore("Host=127.0.0.1;Port=1;Username=arc;Password=hunter2-secret;Database=cloud;Timeout=2");

        var error = Assert.Throws<IOException>(() => store.Verify("hk-000000000000", "key"));

        Assert.Contains("127.0.0.1:1", error.Message);
        Assert.Contains("'cloud'", error.Message);
        Assert.DoesNotContain("hunter2-secret", error.Message);
    }

    [Fact]
    public void EnrollmentStoreSetting_UnknownValueNamed()
    {
        var config = ConfigurationFactory.ParseString($"{IngressActor.EnrollmentStoreSetting} = redis");

        var error = Assert.Throws<ConfigurationException>(() => IngressActor.OpenEnrollments(config));

        Assert.Contains("'redis'", error.Message);
        Assert.Contains("file or journal", error.Message);
    }

    [Fact]
    public void EnrollmentStoreSetting_JournalOpensPostgres()
    {
        var config = ConfigurationFactory.ParseString($"""
            {IngressActor.EnrollmentStoreSetting} = journal
            akka.persistence.journal.sql.connection-string = "Host=db.example;Port=5433;Username=arc;Database=cloud"
            """);

        var store = IngressActor.OpenEnrollments(config);

        Assert.IsType<PostgresEnrollmentStore>(store);
        Assert.Contains("db.example:5433", store!.Location);
    }

    [PostgresFact]
    public async Task HostEnrollCommand_ConfigEnrollsInJournalDatabase()
    {
        using var database = PostgresDatabase.Create();
        var folder = TestConfig.TempFolder("enroll-config");
        var variable = "ARCACTORS_TEST_ENROLL_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, database.ConnectionString);
        var nodeFile = Path.Combine(folder, "dps-1.conf");
        File.WriteAllText(nodeFile, $$"""
            arcactors.node {
              roles = [dps]
              data = "{{folder.Replace("\\", "\\\\")}}"
              persistence { provider = postgres, connection-string-env = {{variable}} }
            }
            akka.cluster.seed-nodes = ["akka.tcp://arcactors@127.0.0.1:4053"]
            """);
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(["host", "enroll", "--machine", Samples.VmId.ToString(), "--config", nodeFile], output, CancellationToken.None);

        Assert.Equal(0, exit);
        var settings = ConfigurationFactory.ParseString(output.ToString());
        var verified = new PostgresEnrollmentStore(database.ConnectionString).Verify(settings.GetString("arcactors.host.key-id"), settings.GetString("arcactors.host.key"));
        Assert.Equal(Samples.VmId, verified);
        Assert.False(File.Exists(EnrollmentStore.DefaultPath(folder)));
        Environment.SetEnvironmentVariable(variable, null);
    }

    [Fact]
    public async Task HostEnrollCommand_RejectsConfigAndDataTogether()
    {
        var error = await Assert.ThrowsAsync<CommandLineException>(() => CommandLine.RunAsync(
            ["host", "enroll", "--machine", Samples.VmId.ToString(), "--config", "dps.conf", "--data", "data"], new StringWriter(), CancellationToken.None));

        Assert.Contains("--config or --data", error.Message);
    }

    private static string? ReadColumn(PostgresDatabase database, string column, string hostKeyId)
    {
        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SELECT {column} FROM {PostgresEnrollmentStore.TableName} WHERE host_key_id = @id", connection);
        command.Parameters.AddWithValue("id", hostKeyId);
        return command.ExecuteScalar() as string;
    }
}
