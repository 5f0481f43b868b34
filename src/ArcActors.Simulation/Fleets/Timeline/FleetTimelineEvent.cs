namespace ArcActors.Simulation.Fleets;

/// <summary>One change of the fleet at a point of the virtual clock.</summary>
public sealed record FleetTimelineEvent
{
    /// <summary>When the change happens, in UTC.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Name of the host the event applies to, as the host is named at that time. Empty when the action takes none.</summary>
    public string Host { get; init; } = "";

    public string Instance { get; init; } = "";
    public string Database { get; init; } = "";
    public required FleetTimelineAction Action { get; init; }

    /// <summary>Line of the event in its fleet file. 0 for an event built in code.</summary>
    public int Line { get; init; }
}
