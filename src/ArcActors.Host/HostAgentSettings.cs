using ArcActors.Contracts.Ingress;

namespace ArcActors.Host;

/// <summary>Settings of one host agent. Defaults follow the Azure Arc cadences: inventory hourly, usage every 12 hours.</summary>
public sealed record HostAgentSettings
{
    public required ResourceScope Scope { get; init; }

    /// <summary>Time between inventory cycles when the agent schedules its own cycles.</summary>
    public TimeSpan InventoryInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Time between usage uploads when the agent schedules its own uploads.</summary>
    public TimeSpan UsageUploadInterval { get; init; } = TimeSpan.FromHours(12);

    /// <summary>How long the agent waits for an acknowledgement before it sends an upload again.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay before a failed probe is retried; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Maximum duration of one inventory cycle. Instances that have not finished by then are
    /// reported as errors of the cycle. Their actors keep working and report in a later cycle.
    /// </summary>
    public TimeSpan CycleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>When true the agent runs cycles and uploads on timers; simulations drive it with messages instead.</summary>
    public bool ScheduleOwnCycles { get; init; }
}
