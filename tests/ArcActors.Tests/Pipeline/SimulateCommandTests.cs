using ArcActors.Node.Commands;
using ArcActors.Simulation.Fleets;
using Xunit;

namespace ArcActors.Tests.Pipeline;

public sealed class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_OutputIsByteIdenticalAcrossRuns()
    {
        using var first = await SimulationRun.StartAsync(TestConfig.FleetPath("field-scenarios.yaml"), 24);
        using var second = await SimulationRun.StartAsync(TestConfig.FleetPath("field-scenarios.yaml"), 24);

        foreach (var file in new[] { "resources.json", "billing.jsonl", "activity.jsonl" })
        {
            Assert.Equal(File.ReadAllBytes(first.OutFile(file)), File.ReadAllBytes(second.OutFile(file)));
        }

        Assert.Equal(WithoutWallTime(first.OutFile("summary.json")), WithoutWallTime(second.OutFile("summary.json")));
    }

    [Theory]
    [InlineData("colour: blue", "colour")]
    [InlineData("physicalCores: -4", "-4")]
    [InlineData("instances: [ { name: SALES, edition: Standard, version: 16.0.4135.4 }, { name: sales, edition: Standard, version: 16.0.4135.4 } ]", "sales")]
    [InlineData("instances: [ { name: 'SQL#1', edition: Standard, version: 16.0.4135.4 } ]", "SQL#1")]
    public async Task Simulate_RejectsBadFleetWithoutWriting(string hostLine, string badValue)
    {
        var folder = TestConfig.TempFolder("bad-fleet");
        var fleetPath = Path.Combine(folder, "bad.yaml");
        await File.WriteAllTextAsync(fleetPath, $"""
            subscriptionId: 3b55f041-58d7-4307-b59a-c390da3fb077
            resourceGroup: bad
            start: 2026-11-30T00:00:00Z
            hosts:
              - name: host-1
                logicalProcessors: 4
                {hostLine}
            """);
        var outDirectory = Path.Combine(folder, "out");

        var error = await Assert.ThrowsAsync<FleetFileException>(() =>
            SimulateCommand.RunAsync(new SimulateCommand.Options(fleetPath, 1, outDirectory, null, Verbose: false), TextWriter.Null));

        Assert.Contains("bad.yaml:7", error.Message);
        Assert.Contains(badValue, error.Message);
        Assert.False(Directory.Exists(outDirectory));
        Directory.Delete(folder, recursive: true);
    }

    private static string WithoutWallTime(string summaryPath) =>
        string.Join('\n', File.ReadAllLines(summaryPath).Where(line => !line.Contains("wallTimeSeconds", StringComparison.Ordinal)));
}
