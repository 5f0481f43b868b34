using ArcActors.Sql.Backups;

namespace ArcActors.Host.Jobs;

/// <summary>One BACKUP statement that <see cref="SimulatedInstanceSql"/> ran, as msdb would record it.</summary>
/// <param name="InstanceName">The instance the statement ran on.</param>
/// <param name="Database">The database it backed up.</param>
/// <param name="Kind">Full, differential or log.</param>
/// <param name="FilePath">The file named in TO DISK.</param>
/// <param name="StartedAt">When it ran, by the simulation's clock; a simulated backup finishes at the instant it starts.</param>
/// <param name="Description">The DESCRIPTION option, or null when the statement has none.</param>
public sealed record SimulatedBackup(string InstanceName, string Database, BackupKind Kind, string FilePath, DateTimeOffset StartedAt, string? Description);
