namespace ArcActors.Simulation.Fleets;

/// <summary>
/// A simulated fleet as a fleet file describes it: the hosts at the virtual clock's start, the
/// physical core licenses, the resource provider registrations and the timeline of changes.
/// </summary>
public sealed record Fleet
{
    public required Guid SubscriptionId { get; init; }
    public required string ResourceGroup { get; init; }
    public string Location { get; init; } = "westeurope";

    /// <summary>Start of the virtual clock, in UTC.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Registration of each resource provider. Both are registered unless the file sets them otherwise.</summary>
    public IReadOnlyDictionary<string, bool> Providers { get; init; } = FleetValues.DefaultProviders();

    public IReadOnlyList<FleetLicense> Licenses { get; init; } = [];
    public required IReadOnlyList<FleetHost> Hosts { get; init; }

    /// <summary>Timeline events in file order. <see cref="ArcActors.Simulation.FleetState"/> applies them in time order.</summary>
    public IReadOnlyList<FleetTimelineEvent> Timeline { get; init; } = [];
}
