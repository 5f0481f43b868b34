using ArcActors.Simulation.Fleets;

namespace ArcActors.Simulation.Tests;

/// <summary>Locates the repository's fleet files and builds small fleet texts for tests.</summary>
internal static class TestFleets
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    public static string FleetsFolder { get; } = Path.Combine(FindRepositoryRoot(), "fleets");

    public static string FieldScenariosPath => Path.Combine(FleetsFolder, "field-scenarios.yaml");

    public static string SamplePath => Path.Combine(FleetsFolder, "sample.yaml");

    /// <summary>A valid fleet of one host "h1" with instance "A" holding database "d1"; <paramref name="more"/> is appended as lines.</summary>
    public static string Minimal(params string[] more) => string.Join("\n", new[]
    {
        "subscriptionId: 3b55f041-58d7-4307-b59a-c390da3fb077",
        "resourceGroup: rg",
        "start: 2026-11-30T00:00:00Z",
        "hosts:",
        "  - name: h1",
        "    logicalProcessors: 4",
        "    instances:",
        "      - name: A",
        "        edition: Standard",
        "        version: 16.0.4135.4",
        "        databases:",
        "          - { name: d1 }",
    }.Concat(more)) + "\n";

    /// <summary>Returns the 1-based number of the first line of <paramref name="text"/> that contains <paramref name="snippet"/>.</summary>
    public static int LineOf(string text, string snippet)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, line => line.Contains(snippet, StringComparison.Ordinal));
        if (index < 0)
        {
            throw new ArgumentException($"snippet '{snippet}' is not in the test text", nameof(snippet));
        }

        return index + 1;
    }

    public static FleetFileException Reject(string text) =>
        Assert.Throws<FleetFileException>(() => FleetFile.Parse(text, "test.yaml"));

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ArcActors.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"no ArcActors.sln above {AppContext.BaseDirectory}");
    }
}
