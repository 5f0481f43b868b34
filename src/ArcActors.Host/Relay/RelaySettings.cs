namespace ArcActors.Host.Relay;

/// <summary>Settings of a host's relay listener.</summary>
public sealed record RelaySettings
{
    /// <summary>Time between two pulls of the host's job queue; every pull also sends again the reports not yet acknowledged.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most jobs the host runs at once; more wait for the next pull.</summary>
    public int MaxConcurrentJobs { get; init; } = 4;
}
