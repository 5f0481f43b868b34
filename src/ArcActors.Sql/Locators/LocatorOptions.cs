namespace ArcActors.Sql.Locators;

/// <summary>Settings shared by the Linux and Windows locators.</summary>
public sealed record LocatorOptions
{
    /// <summary>Host name written into data sources; it must pass <c>NameRules.HostNameError</c>.</summary>
    public string HostName { get; init; } = Environment.MachineName;

    /// <summary>
    /// Connection string that every located instance starts from; the locator replaces its Data Source.
    /// Put the login and encryption settings the agent uses here.
    /// </summary>
    public string ConnectionTemplate { get; init; } = "Integrated Security=True";
}
