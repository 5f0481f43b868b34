using Xunit;

namespace ArcActors.Tests.Pipeline;

public sealed class DisconnectSimulationTests
{
    private const string FleetYaml = """
        subscriptionId: 3b55f041-58d7-4307-b59a-c390da3fb077
        resourceGroup: disconnect
        start: 2026-11-30T00:00:00Z
        hosts:
          - name: sql-away-01
            logicalProcessors: 8
            extension: { licenseType: PAYG, consentToRecurringPayg: true }
            instances:
              - name: MSSQLSERVER
                edition: Standard
                version: 16.0.4135.4
                databases:
                  - { name: orders }
        timeline:
          - at: 2h
            host: sql-away-01
            disconnect: { for: 30h }
          - at: 5h
            host: sql-away-01
            instance: MSSQLSERVER
            addDatabase: { name: created_while_away }
        """;

    [Fact]
    public async Task Simulate_DisconnectedHostBillsEveryHourOnce()
    {
        var folder = TestConfig.TempFolder("disconnect-fleet");
        var fleetPath = Path.Combine(folder, "away.yaml");
        await File.WriteAllTextAsync(fleetPath, FleetYaml);

        using var run = await SimulationRun.StartAsync(fleetPath, 48);

        var billing = run.Lines("billing.jsonl");
        Assert.Equal(48, billing.Count);
        var hours = billing.Select(line => (string)line["hourStart"]!).ToList();
        Assert.Equal(Enumerable.Range(0, 48).Select(h => new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero).AddHours(h).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")), hours);
        Assert.All(billing, line => Assert.Equal("Std edition - PAYG", (string)line["meter"]!));

        var created = Assert.Single(run.Lines("activity.jsonl"), entry => ((string)entry["resourceId"]!).EndsWith("/databases/created_while_away", StringComparison.Ordinal));
        Assert.Equal("2026-12-01T08:00:00Z", (string)created["time"]!);
        Directory.Delete(folder, recursive: true);
    }
}
