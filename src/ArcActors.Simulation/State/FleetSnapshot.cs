using System.Collections.Immutable;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Simulation;

/// <summary>One immutable version of the simulated fleet. <see cref="FleetState"/> swaps it whole.</summary>
internal sealed record FleetSnapshot
{
    private readonly ImmutableList<FleetHost> _hosts = [];
    private Dictionary<Guid, FleetHost> _hostsById = [];

    /// <summary>
    /// The hosts, indexed by vmId as they are set: every probe looks its host up, so a scan of the
    /// list would make each inventory cycle quadratic in the fleet size.
    /// </summary>
    public required ImmutableList<FleetHost> Hosts
    {
        get => _hosts;
        init
        {
            _hosts = value;
            _hostsById = value.ToDictionary(host => host.VmId);
        }
    }

    public required ImmutableList<FleetLicense> Licenses { get; init; }
    public required ImmutableDictionary<string, bool> Providers { get; init; }
    public ImmutableList<ProviderChange> ProviderHistory { get; init; } = [];
    public ImmutableList<Disconnection> Disconnections { get; init; } = [];

    /// <summary>Creation times of databases added by the timeline, keyed by <see cref="DatabaseKey"/>.</summary>
    public ImmutableDictionary<string, DateTimeOffset> DatabaseCreated { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    public required DateTimeOffset AppliedUntil { get; init; }

    /// <summary>Number of events of the time-ordered timeline applied so far.</summary>
    public int AppliedCount { get; init; }

    public FleetHost? FindHost(Guid vmId) => _hostsById.GetValueOrDefault(vmId);

    public FleetHost? FindHost(string name) => Hosts.FirstOrDefault(host => FleetValues.SameHostName(host.Name, name));

    public static string DatabaseKey(Guid vmId, string instanceName, string databaseName) =>
        $"{vmId:N}/{instanceName.ToUpperInvariant()}/{databaseName}";
}

internal sealed record ProviderChange(DateTimeOffset At, string Name, bool Registered);

internal sealed record Disconnection(Guid VmId, DateTimeOffset From, DateTimeOffset Until);
