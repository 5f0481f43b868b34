using System.Globalization;

namespace ArcActors.ClusterBench;

/// <summary>Command-line settings of the cluster benchmark.</summary>
public sealed record ClusterBenchOptions
{
    /// <summary>Environment variable with the Npgsql connection string of a PostgreSQL server whose role may create databases.</summary>
    public const string PostgresVariable = "ARCACTORS_BENCH_POSTGRES";

    public const string Usage = """
        arcactors-clusterbench: uploads per second, in-process and over TLS remoting into a cluster of dps nodes, and failover time

        Options:
          --hosts N          simulated hosts, each with its own upload loop (default: 50)
          --dps-nodes N      dps node processes of the remote path, 1 to 9 (default: 3; the kill needs at least 3)
          --in-flight N      uploads each host keeps in flight (default: 1)
          --warmup SEC       seconds of load before each measuring window, long enough for shards to settle (default: 90)
          --window SEC       length of each measuring window in seconds (default: 60)
          --recovery SEC     at most this many seconds of load after the kill (default: 90)
          --timeout SEC      seconds a host waits for a reply before it sends the same upload again (default: 3)
          --work DIR         folder for certificates, node files, data and logs (default: a new temporary folder)
          --no-kill          skip the failover part
          --no-ceiling       skip the ceiling of the remote path (uploads rejected at the ingress, measured after the remote window)
          --only PATH        run one path: in-process or remote (default: both, and their ratio)

        The journal is the PostgreSQL server in ARCACTORS_BENCH_POSTGRES (an Npgsql connection string whose
        role may create databases); the benchmark creates one database per path in it.
        """;

    /// <summary>Most dps node processes of the remote path, a bound against a typo that would start thousands of processes.</summary>
    public const int MaxDpsNodes = 9;

    // Each option that takes a value, with the change it makes; the one list of the known valued options.
    private static readonly Dictionary<string, Func<ClusterBenchOptions, string, string, ClusterBenchOptions>> Setters = new(StringComparer.Ordinal)
    {
        ["--hosts"] = (options, name, value) => options with { Hosts = Positive(name, value) },
        ["--dps-nodes"] = (options, name, value) => options with { DpsNodes = Positive(name, value, MaxDpsNodes) },
        ["--in-flight"] = (options, name, value) => options with { InFlight = Positive(name, value) },
        ["--warmup"] = (options, name, value) => options with { Warmup = TimeSpan.FromSeconds(Positive(name, value)) },
        ["--window"] = (options, name, value) => options with { Window = TimeSpan.FromSeconds(Positive(name, value)) },
        ["--recovery"] = (options, name, value) => options with { Recovery = TimeSpan.FromSeconds(Positive(name, value)) },
        ["--timeout"] = (options, name, value) => options with { ReplyTimeout = TimeSpan.FromSeconds(Positive(name, value)) },
        ["--work"] = (options, _, value) => options with { Work = value },
        ["--only"] = (options, _, value) => value switch
        {
            "in-process" => options with { RunRemote = false },
            "remote" => options with { RunInProcess = false },
            _ => throw new ArgumentException($"--only '{value}' is invalid; give in-process or remote."),
        },
    };

    public int Hosts { get; init; } = 50;
    public int InFlight { get; init; } = 1;
    public int DpsNodes { get; init; } = 3;
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(90);
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan Recovery { get; init; } = TimeSpan.FromSeconds(90);
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(3);
    public string? Work { get; init; }
    public bool Kill { get; init; } = true;
    public bool Ceiling { get; init; } = true;
    public TimeSpan CeilingWarmup { get; init; } = TimeSpan.FromSeconds(20);
    public bool RunInProcess { get; init; } = true;
    public bool RunRemote { get; init; } = true;

    /// <exception cref="ArgumentException">An option is unknown or its value is invalid.</exception>
    public static ClusterBenchOptions Parse(string[] args)
    {
        var options = new ClusterBenchOptions();
        for (var index = 0; index < args.Length; index++)
        {
            var name = args[index];
            if (name == "--no-kill")
            {
                options = options with { Kill = false };
                continue;
            }

            if (name == "--no-ceiling")
            {
                options = options with { Ceiling = false };
                continue;
            }

            if (!Setters.TryGetValue(name, out var set))
            {
                throw new ArgumentException($"unknown option '{name}'; see --help.");
            }

            if (index + 1 >= args.Length)
            {
                throw new ArgumentException($"option {name} needs a value; see --help.");
            }

            options = set(options, name, args[++index]);
        }

        // Keep-majority with 2 nodes keeps the half with the lowest address, which can be the killed node's half.
        return options is { Kill: true, RunRemote: true, DpsNodes: < 3 }
            ? throw new ArgumentException($"--dps-nodes {options.DpsNodes} leaves no majority to take over the killed node's shards; give at least 3, or add --no-kill.")
            : options;
    }

    private static int Positive(string name, string value, int max = int.MaxValue) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 && number <= max
            ? number
            : throw new ArgumentException(max == int.MaxValue
                ? $"{name} '{value}' is invalid; give a whole number of at least 1."
                : $"{name} '{value}' is invalid; give a whole number from 1 to {max}.");
}
