using System.Globalization;

namespace ArcActors.Node.Commands;

/// <summary>Parses the arguments of the <c>arcactors</c> executable and runs the command they name.</summary>
public static class CommandLine
{
    public const string Help = """
        arcactors: a self-hosted control plane for SQL Server fleets

        Commands:
          up        Run one node with every role on a simulated fleet, SQLite files in a data folder.
                      --fleet FILE      fleet file (default: the bundled sample fleet)
                      --data DIR        data folder for journal, read store and outbox (default: ./data)
                      --once            run one inventory cycle and usage upload, print the summary, exit
                      --interval SPAN   time between inventory cycles, 5s to 7d, e.g. 1h, 10m, 30s (default: 1h)
                      --verbose         log Akka.NET information messages too (default: warnings and errors)
          simulate  Run a fleet on a virtual clock and write resources.json, billing.jsonl,
                    activity.jsonl and summary.json.
                      --fleet FILE      fleet file (required)
                      --hours N         simulated hours, 1 to 8784 (required)
                      --out DIR         output folder (required; created if missing)
                      --data DIR        keep the journal and read store there (default: a temporary folder, deleted)
                      --verbose         log Akka.NET information messages too (default: warnings and errors)
          help      Show this text.

        Exit codes: 0 done, 1 invalid input or a file that cannot be read or written, 2 invalid command
        line, 3 simulate finished but recorded errors (listed in its output), 130 stopped by SIGINT or SIGTERM.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken stop)
    {
        if (args.Length == 0)
        {
            throw new CommandLineException("no command given; use up, simulate or help.");
        }

        if (args.Any(arg => arg is "help" or "--help" or "-h"))
        {
            output.WriteLine(Help);
            return 0;
        }

        var options = ParseOptions(args.Skip(1).ToArray());
        switch (args[0])
        {
            case "up":
                Allow(options, "up", "fleet", "data", "once", "interval", "verbose");
                return await UpCommand.RunAsync(new UpCommand.Options(
                    options.GetValueOrDefault("fleet"),
                    options.GetValueOrDefault("data") ?? "data",
                    options.ContainsKey("once"),
                    ParseSpan("interval", options.GetValueOrDefault("interval") ?? "1h"),
                    options.ContainsKey("verbose")) { IntervalText = options.GetValueOrDefault("interval") ?? "1h" }, output, stop);
            case "simulate":
                Allow(options, "simulate", "fleet", "hours", "out", "data", "verbose");
                return await SimulateCommand.RunAsync(new SimulateCommand.Options(
                    Require(options, "simulate", "fleet"),
                    ParseHours(Require(options, "simulate", "hours")),
                    Require(options, "simulate", "out"),
                    options.GetValueOrDefault("data"),
                    options.ContainsKey("verbose")), output, stop);
            default:
                throw new CommandLineException($"unknown command '{args[0]}'; use up, simulate or help.");
        }
    }

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "once", "verbose" };
    private static readonly HashSet<string> Valued = new(StringComparer.Ordinal) { "fleet", "data", "interval", "hours", "out" };

    private static Dictionary<string, string?> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Length == 2)
            {
                throw new CommandLineException($"unexpected argument '{args[i]}'; options start with '--', e.g. --fleet FILE.");
            }

            var (name, inlineValue) = SplitOption(args[i][2..]);
            if (!Flags.Contains(name) && !Valued.Contains(name))
            {
                throw new CommandLineException($"unknown option --{name}.");
            }

            if (options.ContainsKey(name))
            {
                throw new CommandLineException($"option --{name} is given twice; give it once.");
            }

            if (Flags.Contains(name))
            {
                options[name] = inlineValue is null ? null : throw new CommandLineException($"option --{name} takes no value.");
                continue;
            }

            if (inlineValue is null && (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                throw new CommandLineException($"option --{name} needs a value.");
            }

            options[name] = inlineValue ?? args[++i];
        }

        return options;
    }

    // Accepts both "--name value" and "--name=value".
    private static (string Name, string? Value) SplitOption(string text)
    {
        var equals = text.IndexOf('=');
        return equals < 0 ? (text, null) : (text[..equals], text[(equals + 1)..]);
    }

    private static void Allow(Dictionary<string, string?> options, string command, params string[] allowed)
    {
        var unknown = options.Keys.FirstOrDefault(name => !allowed.Contains(name));
        if (unknown is not null)
        {
            throw new CommandLineException($"'{command}' has no option --{unknown}; its options are {string.Join(", ", allowed.Select(a => "--" + a))}.");
        }
    }

    private static string Require(Dictionary<string, string?> options, string command, string name) =>
        options.GetValueOrDefault(name) ?? throw new CommandLineException($"'{command}' needs --{name}.");

    private static int ParseHours(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && hours is >= 1 and <= 8784
            ? hours
            : throw new CommandLineException($"--hours '{text}' is invalid; give a whole number of hours from 1 to 8784 (one leap year).");

    private static TimeSpan ParseSpan(string name, string text)
    {
        var amount = 0;
        var unit = text.Length > 1 ? text[^1] : ' ';
        var ok = text.Length > 1 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out amount) && amount > 0;
        TimeSpan? span = ok ? unit switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        } : null;
        return span is { } value && value >= TimeSpan.FromSeconds(5) && value <= TimeSpan.FromDays(7)
            ? value
            : throw new CommandLineException($"--{name} '{text}' is invalid; give a whole number with s, m, h or d, from 5s to 7d (e.g. 30s, 10m, 1h).");
    }
}
