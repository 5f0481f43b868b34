using System.Globalization;

namespace ArcActors.ApiBench;

/// <summary>Command-line settings of the API benchmark.</summary>
public sealed record ApiBenchOptions(string WorkDirectory, int Databases, int Gets, int Clients, int WarmupGets, int Seed)
{
    public const string Help = """
        arcactors-apibench: fills a read store with database resources, serves it through the ARM API over
        HTTPS on 127.0.0.1, lists every database by subscription and GETs random databases by id.

        Options:
          --work DIR       folder for the read store and the certificate; must not hold an earlier read store (required)
          --databases N    database resources, 25 per instance and 4 instances per host (default 100000)
          --gets N         measured GETs by id (default 10000)
          --clients N      concurrent HTTP clients for the GETs (default 4)
          --warmup N       GETs sent before the measured ones (default 1000)
          --seed N         seed of the random database ids (default 42)
          --help           show this text
        """;

    /// <summary>Parses <paramref name="args"/>. Throws <see cref="ApiBenchArgumentException"/> naming the invalid option.</summary>
    public static ApiBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ApiBenchOptions("", 100_000, 10_000, 4, 1_000, 42);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ApiBenchArgumentException($"option {name} needs a value.");
            options = name switch
            {
                "--work" => options with { WorkDirectory = value },
                "--databases" => options with { Databases = ParseCount(name, value, minimum: 1, maximum: 10_000_000) },
                "--gets" => options with { Gets = ParseCount(name, value, minimum: 1, maximum: 10_000_000) },
                "--clients" => options with { Clients = ParseCount(name, value, minimum: 1, maximum: 256) },
                "--warmup" => options with { WarmupGets = ParseCount(name, value, minimum: 0, maximum: 1_000_000) },
                "--seed" => options with { Seed = ParseCount(name, value, minimum: int.MinValue, maximum: int.MaxValue) },
                _ => throw new ApiBenchArgumentException($"unknown option '{name}'; run with --help for the options."),
            };
        }

        if (string.IsNullOrWhiteSpace(options.WorkDirectory))
        {
            throw new ApiBenchArgumentException("option --work is missing; pass a folder for the read store, such as --work /tmp/apibench.");
        }

        return options;
    }

    private static int ParseCount(string name, string value, int minimum, int maximum)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < minimum || number > maximum)
        {
            throw new ApiBenchArgumentException($"option {name} has the invalid value '{value}'; use an integer from {minimum} to {maximum}.");
        }

        return number;
    }
}
