namespace ArcActors.Billing;

/// <summary>SQL Server editions that bill, spelled as the ARM <c>edition</c> property spells them.</summary>
public static class Editions
{
    public const string Enterprise = "Enterprise";
    public const string Standard = "Standard";
    public const string Web = "Web";
    public const string Express = "Express";
    public const string Developer = "Developer";
    public const string Evaluation = "Evaluation";

    private static readonly string[] Known = [Enterprise, Standard, Web, Express, Developer, Evaluation];

    /// <summary>Returns the ARM spelling of an edition matched without regard to case, or null when it does not bill.</summary>
    public static string? TryNormalize(string edition) =>
        Known.FirstOrDefault(known => string.Equals(known, edition?.Trim(), StringComparison.OrdinalIgnoreCase));
}
