using System.Globalization;
using ArcActors.Dps.Ingress;
using ArcActors.Node.Runtime;

namespace ArcActors.Node.Commands;

/// <summary>Parses the arguments of the <c>arcactors</c> executable and runs the command they name.</summary>
public static class CommandLine
{
    public const string Help = """
        arcactors: a self-hosted control plane for SQL Server fleets

        Commands:
          up        Run one node with every role on a simulated fleet, SQLite files in a data folder.
                      --fleet FILE      fleet file (default: the bundled sample fleet)
                      --data DIR        data folder for journal, read store, outbox and job ledger (default: ./data)
                      --once            run one inventory cycle and usage upload, print the summary, exit
                      --interval SPAN   time between inventory cycles, 5s to 7d, e.g. 1h, 10m, 30s (default: 1h)
                      --verbose         log Akka.NET information messages too (default: warnings and errors)
                      --api-port N      port of the ARM-compatible HTTPS API on 127.0.0.1 (default: 8443; 0: any free port)
                      --cert FILE       API certificate: a PFX (password in ARCACTORS_CERT_PASSWORD) or a PEM with its key
                                        (default: a self-signed certificate created once in the data folder)
                      --cert-key FILE   PEM private key, when --cert is a PEM certificate without its key
                      --no-api          run without the API
          simulate  Run a fleet on a virtual clock and write resources.json, billing.jsonl,
                    activity.jsonl and summary.json.
                      --fleet FILE      fleet file (required)
                      --hours N         simulated hours, 1 to 8784 (required)
                      --out DIR         output folder (required; created if missing)
                      --data DIR        keep the journal and read store there (default: a temporary folder, deleted)
                      --verbose         log Akka.NET information messages too (default: warnings and errors)
          token     Issue a bearer token for the ARM-compatible API and print only the token.
                      --principal NAME  caller name shown in errors and the activity log (required)
                      --role ROLE       Reader, Contributor or "Azure Hybrid Database Administrator - Read Only
                                        Service Role", in any case (required)
                      --scope SCOPE     /subscriptions/{id} or /subscriptions/{id}/resourceGroups/{name} (required)
                      --key-file FILE   signing key: base64 text of at least 32 random bytes, created with mode
                                        0600 when missing (default: api-token.key in the data folder)
                      --data DIR        data folder holding the default key file (default: ./data)
                      --expires SPAN    token lifetime, 1m to 366d, e.g. 30m, 8h, 30d (default: 8h)
          node      Run one node of a cluster with the roles (dps, api, host) its node file lists, until SIGINT or SIGTERM.
                      --config FILE     node file: HOCON with an arcactors.node section (see docs/node-example.conf)
                      --verbose         log Akka.NET information messages too (default: warnings and errors)
          billing   Print the billing records of a cloud node's read store, one JSON object per line, with the
                    fields of simulate's billing.jsonl, sorted by hour, machine and meter. Changes nothing.
                      --config FILE     a dps or api node's file: read the store that node uses (the journal's
                                        PostgreSQL database, or readstore.db in its data folder)
                      --data DIR        the data folder of a node with SQLite, without --config (default: ./data)
                      --from TIME       first hour, ISO 8601, UTC unless an offset is given (default: all)
                      --to TIME         end of the range, excluded (default: all)
          host enroll  Issue an enrollment key for one host machine, store its SHA-256 hash and print the key
                    once, as two lines for the host's configuration. With a PostgreSQL journal the hash goes
                    to its table host_enrollments, which every dps node reads; otherwise to host-enrollments.json
                    in the data folder. Enrolling a machine again replaces its earlier key, which stops working
                    at once with a data folder, and within 30 s on every node of a PostgreSQL cluster.
                      --machine VMID    the machine's vmId, a GUID (required)
                      --config FILE     a dps or api node's file: enroll in the store that node reads (the
                                        remoting certificate and its password variable are not needed)
                      --data DIR        the cloud node's data folder, without --config (default: ./data)
          certs dev  Create a development CA and one certificate per node and host for TLS remoting
                    (arcactors.node.tls): ca.pem, node-N.pfx, host-N.pfx and pfx-password, the .pfx files
                    and the password with mode 0600. For local development only.
                      --out DIR         folder for the files; existing files are never overwritten (required)
                      --nodes N         number of node certificates, 1 to 100 (default: 1)
                      --hosts M         number of host certificates, 0 to 1000 (default: 0)
          help      Show this text.

        Exit codes: 0 done, 1 invalid input or a file that cannot be read or written, 2 invalid command
        line, 3 simulate finished but recorded errors (listed in its output), 130 stopped by SIGINT or SIGTERM.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken stop)
    {
        if (args.Length == 0)
        {
            throw new CommandLineException("no command given; use up, simulate, node, token, billing, host, certs or help.");
        }

        if (args[0] == "host")
        {
            return RunHostCommand(args[1..], output);
        }

        if (args[0] == "certs")
        {
            return RunCertsCommand(args[1..], output);
        }

        // Help is the command itself or an option token; a value such as "--out help" is a value.
        if (args[0] is "help" or "--help" or "-h")
        {
            output.WriteLine(Help);
            return 0;
        }

        var options = ParseOptions(args.Skip(1).ToArray());
        if (options.ContainsKey(HelpOption))
        {
            output.WriteLine(Help);
            return 0;
        }
        switch (args[0])
        {
            case "up":
                Allow(options, "up", "fleet", "data", "once", "interval", "verbose", "api-port", "no-api", "cert", "cert-key");
                return await UpCommand.RunAsync(new UpCommand.Options(
                    options.GetValueOrDefault("fleet"),
                    options.GetValueOrDefault("data") ?? "data",
                    options.ContainsKey("once"),
                    ParseSpan("interval", options.GetValueOrDefault("interval") ?? "1h", CycleIntervals),
                    options.ContainsKey("verbose"))
                {
                    IntervalText = options.GetValueOrDefault("interval") ?? "1h",
                    Api = ApiSettings(options),
                }, output, stop);
            case "simulate":
                Allow(options, "simulate", "fleet", "hours", "out", "data", "verbose");
                return await SimulateCommand.RunAsync(new SimulateCommand.Options(
                    Require(options, "simulate", "fleet"),
                    ParseHours(Require(options, "simulate", "hours")),
                    Require(options, "simulate", "out"),
                    options.GetValueOrDefault("data"),
                    options.ContainsKey("verbose")), output, stop);
            case "token":
                Allow(options, "token", "principal", "role", "scope", "key-file", "data", "expires");
                return TokenCommand.Run(new TokenCommand.Options(
                    Require(options, "token", "principal"),
                    Require(options, "token", "role"),
                    Require(options, "token", "scope"),
                    options.GetValueOrDefault("key-file"),
                    options.GetValueOrDefault("data") ?? "data",
                    ParseSpan("expires", options.GetValueOrDefault("expires") ?? "8h", TokenLifetimes)), output, TimeProvider.System);
            case "billing":
                return RunBilling(options, output);
            case "node":
                Allow(options, "node", "config", "verbose");
                return await NodeCommand.RunAsync(new NodeCommand.Options(Require(options, "node", "config"), options.ContainsKey("verbose")),
                    output, Console.Error, stop);
            default:
                throw new CommandLineException($"unknown command '{ShownValue.Of(args[0])}'; use up, simulate, node, token, billing, host, certs or help.");
        }
    }

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "once", "verbose", "no-api" };
    private static readonly HashSet<string> Valued = new(StringComparer.Ordinal) { "fleet", "data", "interval", "hours", "out", "principal", "role", "scope", "key-file", "expires", "api-port", "cert", "cert-key", "config", "machine", "nodes", "hosts", "from", "to" };

    /// <summary>Port of the ARM API of <c>up</c> when <c>--api-port</c> is not given.</summary>
    public const int DefaultApiPort = 8443;

    private static ApiHost.Settings? ApiSettings(Dictionary<string, string?> options)
    {
        if (options.ContainsKey("no-api"))
        {
            return null;
        }

        var portText = options.GetValueOrDefault("api-port") ?? DefaultApiPort.ToString(CultureInfo.InvariantCulture);
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new CommandLineException($"--api-port '{ShownValue.Of(portText)}' is not a TCP port; give 1 to 65535, or 0 to let the system pick one.");
        }

        return new ApiHost.Settings(port, options.GetValueOrDefault("cert"), options.GetValueOrDefault("cert-key"));
    }

    private const string HelpOption = "help";

    private static int RunBilling(Dictionary<string, string?> options, TextWriter output)
    {
        Allow(options, "billing", "config", "data", "from", "to");
        if (options.ContainsKey("config") && options.ContainsKey("data"))
        {
            throw new CommandLineException("billing takes --config or --data, not both; --config finds the read store the node file names.");
        }

        foreach (var name in new[] { "config", "data" })
        {
            if (options.TryGetValue(name, out var value) && string.IsNullOrWhiteSpace(value))
            {
                throw new CommandLineException($"--{name} is empty; give a {(name == "config" ? "node file" : "data folder")}.");
            }
        }

        return BillingCommand.Run(new BillingCommand.Options(
            options.ContainsKey("config") ? Require(options, "billing", "config") : null,
            options.GetValueOrDefault("data") ?? "data",
            options.ContainsKey("from") ? BillingCommand.ParseTime("from", Require(options, "billing", "from")) : DateTimeOffset.MinValue,
            options.ContainsKey("to") ? BillingCommand.ParseTime("to", Require(options, "billing", "to")) : DateTimeOffset.MaxValue), output);
    }

    private static int RunHostCommand(string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0] != "enroll")
        {
            throw new CommandLineException($"unknown host command '{(args.Length == 0 ? "" : args[0])}'; use 'host enroll --machine VMID'.");
        }

        var options = ParseOptions(args[1..]);
        if (options.ContainsKey(HelpOption))
        {
            output.WriteLine(Help);
            return 0;
        }

        Allow(options, "host enroll", "machine", "data", "config");
        var vmId = HostEnrollCommand.ParseMachine(Require(options, "host enroll", "machine"));
        if (options.ContainsKey("config") && options.ContainsKey("data"))
        {
            throw new CommandLineException("host enroll takes --config or --data, not both; --config finds the store the node file names.");
        }

        var enroll = options.ContainsKey("config")
            ? HostEnrollCommand.OptionsOf(vmId, Require(options, "host enroll", "config"))
            : new HostEnrollCommand.Options(vmId, new EnrollmentStore(EnrollmentStore.DefaultPath(options.GetValueOrDefault("data") ?? "data")));
        return HostEnrollCommand.Run(enroll, output, TimeProvider.System);
    }

    private static int RunCertsCommand(string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0] != "dev")
        {
            throw new CommandLineException($"unknown certs command '{(args.Length == 0 ? "" : args[0])}'; use 'certs dev --out DIR'.");
        }

        var options = ParseOptions(args[1..]);
        if (options.ContainsKey(HelpOption))
        {
            output.WriteLine(Help);
            return 0;
        }

        Allow(options, "certs dev", "out", "nodes", "hosts");
        var nodes = ParseCount("nodes", options.GetValueOrDefault("nodes") ?? "1", 1, CertsDevCommand.MaxNodes);
        var hosts = ParseCount("hosts", options.GetValueOrDefault("hosts") ?? "0", 0, CertsDevCommand.MaxHosts);
        return CertsDevCommand.Run(new CertsDevCommand.Options(Require(options, "certs dev", "out"), nodes, hosts), output, TimeProvider.System);
    }

    private static int ParseCount(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= min && count <= max
            ? count
            : throw new CommandLineException($"--{name} '{ShownValue.Of(text)}' is invalid; give a whole number from {min} to {max}.");

    private static Dictionary<string, string?> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                options[HelpOption] = null;
                continue;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Length == 2)
            {
                throw new CommandLineException($"unexpected argument '{ShownValue.Of(args[i])}'; options start with '--', e.g. --fleet FILE.");
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
            : throw new CommandLineException($"--hours '{ShownValue.Of(text)}' is invalid; give a whole number of hours from 1 to 8784 (one leap year).");

    private sealed record SpanRange(TimeSpan Min, TimeSpan Max, string Description);

    private static readonly SpanRange CycleIntervals = new(TimeSpan.FromSeconds(5), TimeSpan.FromDays(7), "from 5s to 7d (e.g. 30s, 10m, 1h)");
    private static readonly SpanRange TokenLifetimes = new(TimeSpan.FromMinutes(1), TimeSpan.FromDays(366), "from 1m to 366d (e.g. 30m, 8h, 30d)");

    private static TimeSpan ParseSpan(string name, string text, SpanRange range)
    {
        var amount = 0;
        var unit = text.Length > 1 ? text[^1] : ' ';
        var ok = text.Length > 1 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out amount) && amount > 0;
        double? unitSeconds = ok ? unit switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            _ => null,
        } : null;

        // Seconds as a double cannot overflow for any int amount, so a huge number fails the range check instead of throwing.
        if (unitSeconds is { } seconds)
        {
            var span = TimeSpan.FromSeconds(amount * seconds);
            if (span >= range.Min && span <= range.Max)
            {
                return span;
            }
        }

        throw new CommandLineException($"--{name} '{ShownValue.Of(text)}' is invalid; give a whole number with s, m, h or d, {range.Description}.");
    }
}
