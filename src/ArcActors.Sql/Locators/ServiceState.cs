namespace ArcActors.Sql.Locators;

/// <summary>State of the OS service that runs an instance, as the service manager reports it.</summary>
public enum ServiceState
{
    /// <summary>The locator could not read the state, or the source has no service (configured connection strings).</summary>
    Unknown,
    Running,
    Stopped,

    /// <summary>Starting, stopping or reloading.</summary>
    Changing,
}
