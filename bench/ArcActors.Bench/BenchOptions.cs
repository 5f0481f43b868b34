using System.Globalization;

namespace ArcActors.Bench;

/// <summary>Command-line settings of the benchmark: the size of the generated fleet, the simulated hours and the work folder.</summary>
public sealed record BenchOptions(
    int Hosts,
    int InstancesPerHost,
    int DatabasesPerInstance,
    int Hours,
    int Seed,
    string WorkDirectory,
    bool KeepTimeline,
    bool Progress,
    bool Phases)
{
    public const string Help = """
        arcactors-bench: generates a fleet, simulates it in-process and reports time, memory and journal figures.

        Options:
          --hosts N        generated hosts (default 1000)
          --instances N    SQL Server instances per host (default 4)
          --databases N    databases per instance (default 25)
          --hours N        simulated hours, 1 to 8784 (default 24)
          --seed N         generator seed; the same seed gives the same fleet (default 42)
          --work DIR       folder for fleet.yaml, data/ and out/; must not hold an earlier run (default ./bench-work)
          --timeline       keep the generator's short timeline; the unchanged-cycles check is then skipped
          --progress       also print Akka's INFO logs (the simulation's own lines are always printed, with elapsed seconds)
          --phases         run a copy of the simulate steps with a stopwatch around each phase, in place of
                           SimulateCommand itself, and print where the time and memory went
          --help           show this text
        """;

    public static BenchOptions Defaults { get; } = new(1000, 4, 25, 24, 42, "bench-work", KeepTimeline: false, Progress: false, Phases: false);

    /// <summary>Parses <paramref name="args"/> over <see cref="Defaults"/>. Throws <see cref="BenchArgumentException"/> naming the invalid option.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = Defaults;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--timeline")
            {
                options = options with { KeepTimeline = true };
                continue;
            }

            if (name == "--progress")
            {
                options = options with { Progress = true };
                continue;
            }

            if (name == "--phases")
            {
                options = options with { Phases = true };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new BenchArgumentException($"option {name} needs a value.");
            options = name switch
            {
                "--hosts" => options with { Hosts = ParseCount(name, value, minimum: 1, maximum: 1_000_000) },
                "--instances" => options with { InstancesPerHost = ParseCount(name, value, minimum: 0, maximum: 50) },
                "--databases" => options with { DatabasesPerInstance = ParseCount(name, value, minimum: 0, maximum: 10_000) },
                "--hours" => options with { Hours = ParseCount(name, value, minimum: 1, maximum: 8784) },
                "--seed" => options with { Seed = ParseCount(name, value, minimum: int.MinValue, maximum: int.MaxValue) },
                "--work" => options with { WorkDirectory = value },
                _ => throw new BenchArgumentException($"unknown option '{name}'; run with --help for the options."),
            };
        }

        return options;
    }

    private static int ParseCount(string name, string value, int minimum, int maximum)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < minimum || number > maximum)
        {
            throw new BenchArgumentException($"option {name} has the invalid value '{value}'; use an integer from {minimum} to {maximum}.");
        }

        return number;
    }
}
