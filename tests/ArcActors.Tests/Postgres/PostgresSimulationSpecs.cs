using ArcActors.Tests.Pipeline;
using Xunit;

namespace ArcActors.Tests.Postgres;

public sealed class PostgresSimulationSpecs
{
    private static readonly string[] OutputFiles = ["resources.json", "billing.jsonl", "activity.jsonl"];

    [PostgresFact]
    public async Task Simulate_PostgresOutputMatchesSqlite()
    {
        var fleet = TestConfig.FleetPath("field-scenarios.yaml");
        using var sqlite = await SimulationRun.StartAsync(fleet, 24);
        using var database = PostgresDatabase.Create();
        SimulationRun postgresRun;
        using (HoconOverride.Postgres(database))
        {
            postgresRun = await SimulationRun.StartAsync(fleet, 24);
        }

        using var postgres = postgresRun;
        Assert.True(database.CountRows("journal") > 0, "the simulated events must be in the PostgreSQL journal");
        foreach (var file in OutputFiles)
        {
            Assert.Equal(File.ReadAllBytes(sqlite.OutFile(file)), File.ReadAllBytes(postgres.OutFile(file)));
        }

        Assert.Equal(WithoutWallTime(sqlite.OutFile("summary.json")), WithoutWallTime(postgres.OutFile("summary.json")));
    }

    // The summary's wall time differs between any two runs.
    private static string WithoutWallTime(string summaryPath) =>
        string.Join('\n', File.ReadAllLines(summaryPath).Where(line => !line.Contains("wallTimeSeconds", StringComparison.Ordinal)));
}
