using System.Text.Json.Nodes;
using Xunit;

namespace ArcActors.Tests.Pipeline;

public sealed class FieldScenarioFixture : IAsyncLifetime
{
    public SimulationRun Run { get; private set; } = null!;

    public async Task InitializeAsync() => Run = await SimulationRun.StartAsync(TestConfig.FleetPath("field-scenarios.yaml"), 24);

    public Task DisposeAsync()
    {
        Run.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class FieldScenarioSimulationTests(FieldScenarioFixture fixture) : IClassFixture<FieldScenarioFixture>
{
    private const string Provider = "/subscriptions/3b55f041-58d7-4307-b59a-c390da3fb077/resourceGroups/field-scenarios/providers/Microsoft.AzureArcData/sqlServerInstances/";

    [Fact]
    public void Simulate_BillsEveryExpectedRow()
    {
        var expected = ExpectedBilling.Read(TestConfig.FleetPath("field-scenarios.expected.md"), out var total);
        var billing = fixture.Run.Lines("billing.jsonl");

        Assert.Equal(9, expected.Count);
        Assert.Equal(total, billing.Count);
        foreach (var row in expected)
        {
            for (var hour = row.FirstHour; hour <= row.LastHour; hour++)
            {
                var hourStart = $"2026-11-30T{hour:D2}:00:00Z";
                var records = billing.Where(line => (string)line["machine"]! == row.Host && (string)line["hourStart"]! == hourStart).ToList();
                var record = Assert.Single(records);
                Assert.Equal(row.Meter, (string)record["meter"]!);
                Assert.Equal(row.Cores, (int)record["cores"]!);
                Assert.Equal(row.Instance, (string)record["instance"]!);
            }
        }
    }

    [Fact]
    public void Simulate_PublishesExpectedInstances()
    {
        var instances = Instances();

        Assert.Equal(
            ["db-east-02", "dev-build-05", "dev-ws-04_SQLEXPRESS", "lnx-sql-08", "sql-big-07", "sql-prod-01_APP", "sql-prod-01_HR",
             "sql-prod-01_SALES", "sql-small-03", "sql-std-06_SALES"],
            instances.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("49731", Property(instances["sql-prod-01_HR"], "tcpDynamicPorts"));
        Assert.Equal("1533", Property(instances["sql-prod-01_SALES"], "tcpStaticPorts"));
        Assert.DoesNotContain(instances.Values, instance => Property(instance, "tcpStaticPorts") == "0" || Property(instance, "tcpDynamicPorts") == "0");
        Assert.Equal("SQL Server 2022", Property(instances["sql-prod-01_SALES"], "version"));
        Assert.Equal("SQL Server 2019", Property(instances["sql-prod-01_HR"], "version"));
        Assert.Equal("Physical Server", Property(instances["db-east-02"], "hostType"));
        Assert.All(instances.Where(pair => pair.Key != "db-east-02"), pair => Assert.Equal("Virtual Machine", Property(pair.Value, "hostType")));
        Assert.Equal("Developer", Property(instances["sql-std-06_SALES"], "edition"));
    }

    [Fact]
    public void Simulate_PublishesDatabasesByteForByte()
    {
        var databases = fixture.Run.Resources()
            .Select(resource => resource!.AsObject())
            .Where(resource => (string)resource["type"]! == "Microsoft.AzureArcData/sqlServerInstances/databases")
            .ToList();
        var eastNames = databases.Where(db => ((string)db["id"]!).StartsWith(Provider + "db-east-02/", StringComparison.Ordinal))
            .ToDictionary(db => (string)db["name"]!, db => db);

        Assert.Equal(8, eastNames.Count);
        Assert.Contains("αβγ ΔΕ", eastNames.Keys);
        Assert.Contains("ಠ_ಠ", eastNames.Keys);
        Assert.Contains("O'Brien [eu] data", eastNames.Keys);
        Assert.Equal("Online", Property(eastNames["archive2019"], "state"));
        Assert.Equal("Restoring", Property(eastNames["restore_target"], "state"));
        Assert.Equal("RecoveryPending", Property(eastNames["broken_log"], "state"));
        Assert.Equal("true", Property(eastNames["reference_data"], "isReadOnly"));
        Assert.Contains(databases, db => (string)db["id"]! == Provider + "sql-prod-01_SALES/databases/returns");
    }

    [Fact]
    public void Simulate_WritesActivityOnlyForChanges()
    {
        var activity = fixture.Run.Lines("activity.jsonl");
        var resourceCount = fixture.Run.Resources().Count;

        var firstWrites = activity.Where(entry => (string)entry["time"]! == "2026-11-30T00:00:00Z").ToList();
        Assert.Equal(resourceCount - 1, firstWrites.Count); // every resource but the database 'returns', created at hour 5
        Assert.Equal(firstWrites.Count, firstWrites.Select(entry => (string)entry["resourceId"]!).Distinct().Count());

        var later = activity.Except(firstWrites).ToList();
        Assert.Equal(3, later.Count);
        Assert.Contains(later, entry => (string)entry["resourceId"]! == Provider + "sql-std-06_SALES" && entry["changes"]!["edition"] is not null);
        Assert.Contains(later, entry => (string)entry["resourceId"]! == Provider + "db-east-02/databases/archive2019" && entry["changes"]!["state"] is not null);
        Assert.Contains(later, entry => (string)entry["resourceId"]! == Provider + "sql-prod-01_SALES/databases/returns");
    }

    private Dictionary<string, JsonObject> Instances() =>
        fixture.Run.Resources()
            .Select(resource => resource!.AsObject())
            .Where(resource => (string)resource["type"]! == "Microsoft.AzureArcData/sqlServerInstances")
            .ToDictionary(resource => (string)resource["name"]!, resource => resource);

    private static string? Property(JsonObject resource, string name) => resource["properties"]![name]?.ToString();
}
