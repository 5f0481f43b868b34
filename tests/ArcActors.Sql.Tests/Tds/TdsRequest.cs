namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// One request as the server received it. For sp_executesql, <see cref="Text"/> is the statement
/// and <see cref="Parameters"/> holds the parameter values by name (with the @), declarations excluded.
/// </summary>
public sealed record TdsRequest(
    TdsRequestKind Kind,
    string Text,
    IReadOnlyDictionary<string, object?> Parameters,
    string UserName,
    string ProcedureName = "")
{
    /// <summary>Returns the value of <paramref name="name"/> as text, or null when the request has no such parameter.</summary>
    public string? TextParameter(string name) =>
        Parameters.TryGetValue(name, out var value) ? value as string : null;
}
