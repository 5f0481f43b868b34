namespace ArcActors.Billing;

/// <summary>
/// Order of editions when several instances share one OS environment: Enterprise &gt; Standard &gt; Web &gt;
/// Express, Developer and Evaluation, which rank equal.
/// </summary>
public static class EditionRank
{
    public const int Unknown = 0;
    public const int Free = 1;
    public const int Web = 2;
    public const int Standard = 3;
    public const int Enterprise = 4;

    /// <summary>Returns the rank of an edition matched without regard to case, or <see cref="Unknown"/> for an edition that does not bill.</summary>
    public static int Of(string edition) => Editions.TryNormalize(edition) switch
    {
        Editions.Enterprise => Enterprise,
        Editions.Standard => Standard,
        Editions.Web => Web,
        Editions.Express or Editions.Developer or Editions.Evaluation => Free,
        _ => Unknown,
    };
}
