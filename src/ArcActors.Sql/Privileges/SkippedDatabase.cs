namespace ArcActors.Sql.Privileges;

/// <summary>A database a plan leaves out, with the reason in words an operator can act on.</summary>
public sealed record SkippedDatabase(string Database, string Reason);
