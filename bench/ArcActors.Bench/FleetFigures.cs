namespace ArcActors.Bench;

/// <summary>Size of the generated fleet and the time spent generating it and writing it as YAML.</summary>
public sealed record FleetFigures(
    int Hosts,
    int Instances,
    int Databases,
    int TimelineEvents,
    long FleetFileBytes,
    TimeSpan GenerateTime,
    TimeSpan WriteTime);
