using System.Globalization;
using System.Text.Json.Nodes;
using ArcActors.ReadModel;
using Xunit;

namespace ArcActors.Tests.Pipeline;

public sealed class LongDisconnectSimulationTests
{
    private const int RunHours = 5 * 24;
    private const int AwayFromHour = 24;
    private const int AwayHours = 72;
    private const string AwayHost = "sql-away-01";
    private const string StayingHost = "sql-stay-02";

    private static readonly DateTimeOffset Start = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    // sql-away-01 is cut off from hour 24 to hour 96 of the 120-hour run, and sql-stay-02 stays connected.
    private const string FleetYaml = """
        subscriptionId: 3b55f041-58d7-4307-b59a-c390da3fb077
        resourceGroup: long-disconnect
        start: 2026-11-30T00:00:00Z
        hosts:
          - name: sql-away-01
            logicalProcessors: 8
            extension: { licenseType: PAYG, consentToRecurringPayg: true }
            instances:
              - name: MSSQLSERVER
                edition: Enterprise
                version: 16.0.4135.4
                databases:
                  - { name: orders }
              - name: SQLEXPRESS
                edition: Express
                version: 16.0.4135.4
          - name: sql-stay-02
            logicalProcessors: 4
            extension: { licenseType: PAYG, consentToRecurringPayg: true }
            instances:
              - name: MSSQLSERVER
                edition: Standard
                version: 16.0.4135.4
        timeline:
          - at: 24h
            host: sql-away-01
            disconnect: { for: 72h }
        """;

    [Fact]
    public async Task Simulate_HostAwayReadsDisconnected()
    {
        var folder = await WriteFleetAsync("long-disconnect-away");
        var endDuringDisconnection = AwayFromHour + (AwayHours / 2);

        using var run = await SimulationRun.StartAsync(Path.Combine(folder, "fleet.yaml"), endDuringDisconnection);
        var resources = run.Resources().Select(resource => resource!.AsObject()).ToList();

        Assert.Equal("Disconnected", Status(Machine(resources, AwayHost)));
        var awayInstances = InstancesOf(resources, AwayHost);
        Assert.Equal(2, awayInstances.Count);
        Assert.All(awayInstances, instance => Assert.Equal("Disconnected", Status(instance)));
        Assert.Equal("Connected", Status(Machine(resources, StayingHost)));
        Assert.All(InstancesOf(resources, StayingHost), instance => Assert.Equal("Connected", Status(instance)));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Simulate_ReconnectedHostBillsEveryHourOnce()
    {
        var folder = await WriteFleetAsync("long-disconnect-back");

        using var run = await SimulationRun.StartAsync(Path.Combine(folder, "fleet.yaml"), RunHours);
        var resources = run.Resources().Select(resource => resource!.AsObject()).ToList();

        Assert.Equal("Connected", Status(Machine(resources, AwayHost)));
        Assert.All(InstancesOf(resources, AwayHost), instance => Assert.Equal("Connected", Status(instance)));

        var billing = run.Lines("billing.jsonl");
        var everyHour = Enumerable.Range(0, RunHours).Select(hour => Start.AddHours(hour)).ToList();
        foreach (var host in new[] { AwayHost, StayingHost })
        {
            var lines = billing.Where(line => (string)line["machine"]! == host).ToList();
            var hours = lines.Select(line => DateTimeOffset.Parse((string)line["hourStart"]!, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(everyHour, hours);

            var keys = lines.Select(line => ((string)line["hourStart"]!, (string)line["meter"]!)).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
        }

        var awayHours = billing
            .Where(line => (string)line["machine"]! == AwayHost)
            .Select(line => DateTimeOffset.Parse((string)line["hourStart"]!, CultureInfo.InvariantCulture))
            .Where(hour => hour >= Start.AddHours(AwayFromHour) && hour < Start.AddHours(AwayFromHour + AwayHours))
            .ToList();
        Assert.Equal(AwayHours, awayHours.Count);
        Assert.All(billing.Where(line => (string)line["machine"]! == AwayHost), line => Assert.Equal("Ent edition - PAYG", (string)line["meter"]!));

        var fileOrder = billing.Select(line => (string)line["hourStart"]!).ToList();
        Assert.Equal(fileOrder.Order(StringComparer.Ordinal), fileOrder);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void ConnectionStatus_DisconnectedOnlyPastThreshold()
    {
        var lastUpload = Start;

        Assert.Equal("Connected", ReadStore.ConnectionStatus(lastUpload, lastUpload));
        Assert.Equal("Connected", ReadStore.ConnectionStatus(lastUpload, lastUpload + ReadStore.DisconnectedAfter));
        Assert.Equal("Disconnected", ReadStore.ConnectionStatus(lastUpload, lastUpload + ReadStore.DisconnectedAfter + TimeSpan.FromSeconds(1)));
    }

    private static async Task<string> WriteFleetAsync(string name)
    {
        var folder = TestConfig.TempFolder(name);
        await File.WriteAllTextAsync(Path.Combine(folder, "fleet.yaml"), FleetYaml);
        return folder;
    }

    private static JsonObject Machine(IEnumerable<JsonObject> resources, string host) =>
        Assert.Single(resources, resource => (string)resource["type"]! == ResourceIds.MachineType && (string)resource["name"]! == host);

    private static List<JsonObject> InstancesOf(IEnumerable<JsonObject> resources, string host) =>
        resources
            .Where(resource => (string)resource["type"]! == ResourceIds.InstanceType)
            .Where(resource => ((string)resource["properties"]!["containerResourceId"]!).EndsWith("/machines/" + host, StringComparison.Ordinal))
            .ToList();

    private static string Status(JsonObject resource) => (string)resource["properties"]!["status"]!;
}
