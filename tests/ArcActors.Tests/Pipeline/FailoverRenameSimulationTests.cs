using Xunit;

namespace ArcActors.Tests.Pipeline;

public sealed class FailoverRenameSimulationTests
{
    private const string FleetYaml = """
        subscriptionId: 3b55f041-58d7-4307-b59a-c390da3fb077
        resourceGroup: rename
        start: 2026-11-30T00:00:00Z
        hosts:
          - name: sql-a
            logicalProcessors: 8
            extension: { licenseType: PAYG, consentToRecurringPayg: true }
            instances:
              - name: MSSQLSERVER
                edition: Enterprise
                version: 16.0.4135.4
                databases: [ { name: orders } ]
                availabilityGroups:
                  - { name: ag1, role: Primary, readable: true, databases: [orders], replicas: [sql-a, sql-b] }
          - name: sql-b
            logicalProcessors: 8
            extension: { licenseType: PAYG, consentToRecurringPayg: true }
            instances:
              - name: MSSQLSERVER
                edition: Enterprise
                version: 16.0.4135.4
                databases: [ { name: orders } ]
                availabilityGroups:
                  - { name: ag1, role: Secondary, readable: false, databases: [orders], replicas: [sql-a, sql-b] }
        timeline:
          - at: 3h
            failover: { availabilityGroup: ag1, to: sql-b }
          - at: 5h
            host: sql-a
            rename: { to: sql-a-renamed }
        """;

    [Fact]
    public async Task Simulate_FailoverSwapsMetersAndRenameMovesResources()
    {
        var folder = TestConfig.TempFolder("failover-fleet");
        var fleetPath = Path.Combine(folder, "failover.yaml");
        await File.WriteAllTextAsync(fleetPath, FleetYaml);

        using var run = await SimulationRun.StartAsync(fleetPath, 8);

        var billing = run.Lines("billing.jsonl");
        Assert.Equal(16, billing.Count);
        string MeterOf(string hour, string machine) =>
            (string)Assert.Single(billing, line => ((string)line["hourStart"]!).Contains($"T{hour}:", StringComparison.Ordinal) && (string)line["machine"]! == machine)["meter"]!;
        Assert.Equal("Ent edition - PAYG", MeterOf("02", "sql-a"));
        Assert.Equal("Ent edition - DR replica", MeterOf("02", "sql-b"));
        Assert.Equal("Ent edition - DR replica", MeterOf("03", "sql-a"));
        Assert.Equal("Ent edition - PAYG", MeterOf("03", "sql-b"));
        Assert.Equal("Ent edition - DR replica", MeterOf("05", "sql-a-renamed"));

        var ids = run.Resources().Select(resource => (string)resource!["id"]!).ToList();
        Assert.Equal(8, ids.Count);
        Assert.DoesNotContain(ids, id => id.Contains("/sql-a/", StringComparison.Ordinal) || id.EndsWith("/sql-a", StringComparison.Ordinal));
        Assert.Contains(ids, id => id.EndsWith("/sqlServerInstances/sql-a-renamed/databases/orders", StringComparison.Ordinal));
        Directory.Delete(folder, recursive: true);
    }
}
