namespace ArcActors.Sql.Privileges;

/// <summary>
/// A database the planner writes grants into, as <c>sys.databases</c> lists it.
/// </summary>
/// <param name="Name">The name exactly as SQL Server stores it.</param>
/// <param name="IsSystem">True for master, model, msdb and tempdb.</param>
/// <param name="IsReadable">False when the database is offline, restoring or otherwise not open, so no statement can run in it.</param>
/// <param name="IsReadOnly">True when the database is read-only, so CREATE USER and GRANT fail in it.</param>
public sealed record DatabaseTarget(string Name, bool IsSystem, bool IsReadable, bool IsReadOnly = false);
