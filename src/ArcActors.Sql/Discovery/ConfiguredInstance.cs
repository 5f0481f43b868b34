namespace ArcActors.Sql.Discovery;

/// <summary>
/// A SQL Server instance the host agent should probe. <paramref name="Name"/> is the instance name
/// (MSSQLSERVER for the default instance); the connection string may hold a password and is never logged.
/// </summary>
public sealed record ConfiguredInstance(string Name, string ConnectionString);
