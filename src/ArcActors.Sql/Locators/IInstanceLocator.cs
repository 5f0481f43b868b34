namespace ArcActors.Sql.Locators;

/// <summary>
/// Finds the SQL Server instances of one host from one source: the Linux service and mssql.conf,
/// the Windows registry, or configured connection strings. Locators only read local state and
/// never connect to an instance.
/// </summary>
public interface IInstanceLocator
{
    /// <summary>
    /// Lists the instances the source records, LocalDB and unsupported ones included, so the caller
    /// can report them instead of losing them.
    /// </summary>
    /// <exception cref="ConfigFileFormatException">A configuration file the locator reads is malformed.</exception>
    Task<IReadOnlyList<LocatedInstance>> LocateAsync(CancellationToken cancellationToken);
}
