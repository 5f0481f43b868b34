using Akka.Configuration;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Host;
using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Node.Runtime;

/// <summary>
/// A host node that plays one host of a fleet file instead of discovering real SQL Server: the
/// <c>arcactors.host.simulation</c> section. The host's vmId, name and resource scope come from the
/// fleet, and its clock starts at the fleet's start and runs <see cref="Clock"/>.Speed times faster
/// than real time.
/// </summary>
public sealed record HostSimulation(Fleet Fleet, FleetHost Host, FleetState State, AcceleratedClock Clock, TimeSpan UsageUploadInterval)
{
    public const string Section = "arcactors.host.simulation";

    /// <summary>Largest accepted clock speed: one simulated hour in 36 ms of real time.</summary>
    public const double MaxClockSpeed = 100_000;

    private static readonly string[] Keys = ["fleet", "host", "clock-speed", "usage-upload-interval"];

    public Guid VmId => Host.VmId;

    public ResourceScope Scope => new(Fleet.SubscriptionId.ToString("D"), Fleet.ResourceGroup, Fleet.Location);

    /// <summary>Reads <see cref="Section"/>, or returns null when the node file has none.</summary>
    /// <exception cref="NodeConfigException">A setting is missing or invalid, the fleet file cannot be read, or it has no such host.</exception>
    public static HostSimulation? FromConfig(Config config)
    {
        if (!config.HasPath(Section))
        {
            return null;
        }

        var section = config.GetConfig(Section);
        CheckKeys(section);
        var fleet = LoadFleet(Required(section, "fleet"));
        var hostName = Required(section, "host");
        var host = fleet.Hosts.FirstOrDefault(candidate => string.Equals(candidate.Name, hostName, StringComparison.OrdinalIgnoreCase))
            ?? throw new NodeConfigException($"{Section}.host '{hostName}' is not a host of the fleet file; give one of {string.Join(", ", fleet.Hosts.Select(h => h.Name))}.");
        var speed = ClockSpeed(section);
        var usageInterval = UsageInterval(section);

        return new HostSimulation(fleet, host, new FleetState(fleet), new AcceleratedClock(fleet.Start, speed), usageInterval);
    }

    /// <summary>Returns the discovery source of the host, which applies the fleet's timeline up to the clock's time before each cycle.</summary>
    public IDiscoverySource CreateSource() => new TimelineSource(State, Clock, new SimulatedDiscoverySource(State, Host.VmId));

    /// <summary>
    /// Returns <paramref name="settings"/> with the inventory and usage intervals, which are fleet time,
    /// divided by the clock speed, because Akka timers run in real time.
    /// </summary>
    public HostAgentSettings Accelerate(HostAgentSettings settings) => settings with
    {
        InventoryInterval = Clock.ToRealTime(settings.InventoryInterval),
        UsageUploadInterval = Clock.ToRealTime(UsageUploadInterval),
    };

    private static Fleet LoadFleet(string path)
    {
        try
        {
            return FleetFile.Load(path);
        }
        catch (FleetFileException exception)
        {
            throw new NodeConfigException($"{Section}.fleet '{path}' is not a valid fleet file: {exception.Message}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigException($"{Section}.fleet '{path}' cannot be read: {exception.Message}. Give a readable fleet file, such as fleets/sample.yaml.");
        }
    }

    private static double ClockSpeed(Config section)
    {
        var text = section.GetString("clock-speed", "1");
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var speed)
            || !double.IsFinite(speed) || speed <= 0 || speed > MaxClockSpeed)
        {
            throw new NodeConfigException($"{Section}.clock-speed '{text}' is invalid; give simulated seconds per real second, more than 0 and at most {MaxClockSpeed:0} (3600: one simulated hour per second).");
        }

        return speed;
    }

    private static TimeSpan UsageInterval(Config section)
    {
        if (!section.HasPath("usage-upload-interval"))
        {
            return TimeSpan.FromHours(12);
        }

        TimeSpan interval;
        try
        {
            interval = section.GetTimeSpan("usage-upload-interval");
        }
        catch (Exception exception) when (exception is FormatException or ConfigurationException or OverflowException)
        {
            interval = TimeSpan.Zero;
        }

        return interval > TimeSpan.Zero
            ? interval
            : throw new NodeConfigException($"{Section}.usage-upload-interval '{section.GetString("usage-upload-interval")}' is invalid; give a positive duration of fleet time such as 12h (the default) or 2h.");
    }

    private static string Required(Config section, string key)
    {
        var value = section.GetString(key, "");
        return string.IsNullOrWhiteSpace(value)
            ? throw new NodeConfigException($"{Section}.{key} is missing; a simulated host needs fleet (a fleet file), host (a host name in it) and clock-speed.")
            : value;
    }

    // Rejects a misspelled setting, which HOCON would otherwise ignore silently.
    private static void CheckKeys(Config section)
    {
        var unknown = section.Root.GetObject().Items.Keys.FirstOrDefault(key => !Keys.Contains(key, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new NodeConfigException($"{Section}.{unknown} is not a known setting; the settings of {Section} are {string.Join(", ", Keys)}.");
        }
    }

    // NOTE: disconnect events of the timeline are applied to the state but do not cut this node's link; stop the process to cut a host off.
    private sealed class TimelineSource(FleetState state, TimeProvider clock, IDiscoverySource inner) : IDiscoverySource
    {
        public Task<MachineSnapshot> DescribeMachineAsync(CancellationToken cancellationToken)
        {
            state.ApplyUntil(clock.GetUtcNow());
            return inner.DescribeMachineAsync(cancellationToken);
        }

        public Task<IReadOnlyList<InstanceLocation>> LocateInstancesAsync(CancellationToken cancellationToken) => inner.LocateInstancesAsync(cancellationToken);

        public Task<InstanceSnapshot> ProbeInstanceAsync(InstanceLocation instance, CancellationToken cancellationToken) => inner.ProbeInstanceAsync(instance, cancellationToken);

        public Task<DatabaseSnapshot> ProbeDatabaseAsync(InstanceLocation instance, DatabaseEntry database, CancellationToken cancellationToken) =>
            inner.ProbeDatabaseAsync(instance, database, cancellationToken);
    }
}
