using ArcActors.Node.Commands;
using ArcActors.ReadModel;
using ArcActors.Tests.Postgres;
using Npgsql;
using Xunit;

namespace ArcActors.Tests.Pipeline;

/// <summary><c>arcactors billing</c> on the read store that <c>simulate --data</c> keeps.</summary>
public sealed class BillingCommandTests : IDisposable
{
    private readonly string _folder = TestConfig.TempFolder("billing-command");

    [Fact]
    public async Task Billing_PrintsSimulatedBillingFile()
    {
        var expected = await SimulateAsync(hours: 3);

        var printed = await RunAsync("billing", "--data", Data);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, printed);
    }

    [Fact]
    public async Task Billing_RangeKeepsItsHoursOnly()
    {
        var lines = await SimulateAsync(hours: 3);
        var hours = lines.Select(HourOf).Distinct().Order().ToList();
        Assert.True(hours.Count >= 2, $"the sample fleet billed {hours.Count} hour(s) in 3; the range needs two");

        var first = await RunAsync("billing", "--data", Data, "--from", hours[0].ToString("O"), "--to", hours[0].AddHours(1).ToString("O"));
        var rest = await RunAsync("billing", "--data", Data, "--from", hours[0].AddHours(1).ToString("O"));

        Assert.Equal(lines.Where(line => HourOf(line) == hours[0]), first);
        Assert.Equal(lines.Where(line => HourOf(line) > hours[0]), rest);
    }

    [PostgresFact]
    public async Task Billing_PostgresNodeFileReadsSharedStore()
    {
        using var database = PostgresDatabase.Create();
        ReadStore.OpenPostgres(database.ConnectionString).Dispose();
        var hour = new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero);
        using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            connection.Open();
            using var insert = new NpgsqlCommand("""
                INSERT INTO billing(vm_id, hour_start, meter, machine, cores, edition, license_type, instance)
                VALUES ('54ef1f4d-e601-48e6-a90a-443aab91a782', @hour, 'Std edition - PAYG', 'sql-01', 4, 'Standard', 'PAYG', 'MSSQLSERVER')
                """, connection);
            insert.Parameters.AddWithValue("hour", ArmTime.ToTicks(hour));
            insert.ExecuteNonQuery();
        }

        var nodeFile = WritePostgresNodeFile(out var variable, database.ConnectionString);
        List<string> printed;
        try
        {
            printed = await RunAsync("billing", "--config", nodeFile);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        var line = Assert.Single(printed);
        Assert.Equal(
            """{"hourStart":"2026-11-01T06:00:00Z","machine":"sql-01","vmId":"54ef1f4d-e601-48e6-a90a-443aab91a782","meter":"Std edition - PAYG","cores":4,"edition":"Standard","licenseType":"PAYG","instance":"MSSQLSERVER"}""",
            line);
    }

    [Fact]
    public async Task Billing_EmptyFileStaysEmpty()
    {
        var folder = Path.Combine(_folder, "empty");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "readstore.db"), []);

        var error = await Assert.ThrowsAsync<IOException>(() => RunAsync("billing", "--data", folder));

        Assert.Contains($"no read store at {Path.Combine(folder, "readstore.db")}", error.Message);
        Assert.Empty(File.ReadAllBytes(Path.Combine(folder, "readstore.db")));
    }

    [Fact]
    public async Task Billing_JournalFileNotReadStoreUnchanged()
    {
        await SimulateAsync(hours: 1);
        var folder = Path.Combine(_folder, "journal-only");
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, "readstore.db");
        File.Copy(Path.Combine(Data, "journal.db"), copy);
        var before = File.ReadAllBytes(copy);

        var error = await Assert.ThrowsAsync<IOException>(() => RunAsync("billing", "--data", folder));

        Assert.Contains("no read store at", error.Message);
        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    [PostgresFact]
    public async Task Billing_EmptyPostgresDatabaseCreatesNothing()
    {
        using var database = PostgresDatabase.Create();
        var nodeFile = WritePostgresNodeFile(out var variable, database.ConnectionString);

        try
        {
            var error = await Assert.ThrowsAsync<IOException>(() => RunAsync("billing", "--config", nodeFile));

            Assert.Contains("no read store at", error.Message);
            Assert.Contains("it has no billing table", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using var tables = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", connection);
        Assert.Equal(0L, (long)tables.ExecuteScalar()!);
    }

    [Theory]
    [InlineData("--data", "--data is empty; give a data folder")]
    [InlineData("--config", "--config is empty; give a node file")]
    public async Task Billing_EmptyPathRejected(string option, string message)
    {
        var error = await Assert.ThrowsAsync<CommandLineException>(() => RunAsync("billing", option, ""));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Billing_ConfigFolderRejected()
    {
        var error = await Assert.ThrowsAsync<IOException>(() => RunAsync("billing", "--config", _folder));

        Assert.Contains($"--config {_folder} is a folder", error.Message);
    }

    [Fact]
    public async Task Billing_MissingStoreNamesPathAndCreatesNothing()
    {
        var missing = Path.Combine(_folder, "no-such-folder");

        var error = await Assert.ThrowsAsync<IOException>(() => RunAsync("billing", "--data", missing));

        Assert.Contains($"no read store at {Path.Combine(missing, "readstore.db")}", error.Message);
        Assert.Contains("give the data folder of a cloud node", error.Message);
        Assert.False(Directory.Exists(missing));
    }

    [Theory]
    [InlineData("--from", "yesterday", "--from 'yesterday' is not an ISO 8601 date or time")]
    [InlineData("--to", "2026-13-01", "--to '2026-13-01' is not an ISO 8601 date or time")]
    [InlineData("--to", "01/12/2026", "--to '01/12/2026' is not an ISO 8601 date or time")]
    [InlineData("--from", "03:00", "--from '03:00' is not an ISO 8601 date or time")]
    public async Task Billing_InvalidTimeNamesValue(string option, string value, string message)
    {
        var error = await Assert.ThrowsAsync<CommandLineException>(() => RunAsync("billing", "--data", Data, option, value));

        Assert.Contains(message, error.Message);
        Assert.Contains("2026-11-01T08:00+02:00", error.Message);
    }

    [Fact]
    public async Task Billing_EmptyRangeRejected()
    {
        var error = await Assert.ThrowsAsync<CommandLineException>(
            () => RunAsync("billing", "--data", Data, "--from", "2026-11-02", "--to", "2026-11-01T12:00:00+02:00"));

        Assert.Contains("--from 2026-11-02T00:00:00Z is not before --to 2026-11-01T10:00:00Z", error.Message);
    }

    [Fact]
    public async Task Billing_HostNodeFileRejected()
    {
        var nodeFile = Path.Combine(_folder, "host-1.conf");
        File.WriteAllText(nodeFile, $$"""
            arcactors.node { roles = [host], data = "{{Data.Replace("\\", "\\\\")}}" }
            akka.cluster.client.initial-contacts = ["akka.tcp://arcactors@127.0.0.1:4053/system/receptionist"]
            """);

        var error = await Assert.ThrowsAsync<IOException>(() => RunAsync("billing", "--config", nodeFile));

        Assert.Contains("roles [host]", error.Message);
        Assert.Contains("node file of a dps or api node", error.Message);
    }

    [Fact]
    public async Task Billing_ConfigAndDataRejected()
    {
        var error = await Assert.ThrowsAsync<CommandLineException>(() => RunAsync("billing", "--config", "dps-1.conf", "--data", Data));

        Assert.Contains("--config or --data, not both", error.Message);
    }

    private string Data => Path.Combine(_folder, "data");

    // Writes an api node file whose journal is the PostgreSQL database of connectionString, in a variable the caller unsets.
    private string WritePostgresNodeFile(out string variable, string connectionString)
    {
        variable = $"ARCACTORS_TEST_BILLING_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, connectionString);
        var nodeFile = Path.Combine(_folder, $"api-{Guid.NewGuid():N}.conf");
        File.WriteAllText(nodeFile, $$"""
            arcactors.node {
              roles = [api]
              data = "{{Data.Replace("\\", "\\\\")}}"
              persistence { provider = postgres, connection-string-env = {{variable}} }
            }
            akka.cluster.seed-nodes = ["akka.tcp://arcactors@127.0.0.1:4053"]
            """);
        return nodeFile;
    }

    // Runs the sample fleet and returns the lines of its billing.jsonl; the read store stays in Data.
    private async Task<List<string>> SimulateAsync(int hours)
    {
        var output = Path.Combine(_folder, "out");
        var options = new SimulateCommand.Options(TestConfig.FleetPath("sample.yaml"), hours, output, Data, Verbose: false);
        Assert.Equal(0, await SimulateCommand.RunAsync(options, TextWriter.Null, CancellationToken.None));
        return File.ReadAllLines(Path.Combine(output, "billing.jsonl")).ToList();
    }

    private static async Task<List<string>> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(args, output, CancellationToken.None));
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static DateTimeOffset HourOf(string line) =>
        System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("hourStart").GetDateTimeOffset();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
