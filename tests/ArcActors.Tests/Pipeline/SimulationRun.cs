using System.Text.Json.Nodes;
using ArcActors.Node.Commands;

namespace ArcActors.Tests.Pipeline;

/// <summary>Runs <c>arcactors simulate</c> in-process into a temporary folder and reads its output files.</summary>
public sealed class SimulationRun : IDisposable
{
    private SimulationRun(string directory) => Directory = directory;

    public string Directory { get; }

    public static async Task<SimulationRun> StartAsync(string fleetPath, int hours)
    {
        var directory = TestConfig.TempFolder("simulate");
        var output = new StringWriter();
        var exitCode = await SimulateCommand.RunAsync(new SimulateCommand.Options(fleetPath, hours, Path.Combine(directory, "out"), null, Verbose: false), output);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"simulate exited with {exitCode}: {output}");
        }

        return new SimulationRun(directory);
    }

    public string OutFile(string name) => Path.Combine(Directory, "out", name);

    public JsonArray Resources() => JsonNode.Parse(File.ReadAllText(OutFile("resources.json")))!.AsArray();

    public IReadOnlyList<JsonObject> Lines(string name) =>
        File.ReadAllLines(OutFile(name)).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
