namespace ArcActors.Billing;

/// <summary>
/// Meter names of SQL Server enabled by Azure Arc, spelled exactly as the price list spells them.
/// </summary>
public static class Meters
{
    public const string EnterprisePayg = "Ent edition - PAYG";
    public const string EnterpriseAhb = "Ent edition - AHB";
    public const string EnterpriseLicenseOnly = "Ent edition - License only";
    public const string EnterpriseVirtualLicense = "Ent edition - Virtual license";
    public const string EnterpriseDrReplica = "Ent edition - DR replica";
    public const string EnterpriseHostPayg = "Ent edition - Host - PAYG";
    public const string EnterpriseEsu2014 = "Ent edition - ESU 2014";
    public const string EnterpriseEsu2016 = "Ent edition - ESU 2016";

    public const string StandardPayg = "Std edition - PAYG";
    public const string StandardAhb = "Std edition - AHB";
    public const string StandardLicenseOnly = "Std edition - License only";
    public const string StandardVirtualLicense = "Std edition - Virtual license";
    public const string StandardDrReplica = "Std edition - DR replica";
    public const string StandardEsu2014 = "Std edition - ESU 2014";
    public const string StandardEsu2016 = "Std edition - ESU 2016";

    public const string EvaluationEdition = "Eval edition";
    public const string DeveloperEdition = "Dev edition";
    public const string WebEdition = "Web edition";
    public const string ExpressEdition = "Express edition";

    /// <summary>Every meter this library emits.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        EnterprisePayg, EnterpriseAhb, EnterpriseLicenseOnly, EnterpriseVirtualLicense, EnterpriseDrReplica,
        EnterpriseHostPayg, EnterpriseEsu2014, EnterpriseEsu2016,
        StandardPayg, StandardAhb, StandardLicenseOnly, StandardVirtualLicense, StandardDrReplica,
        StandardEsu2014, StandardEsu2016,
        EvaluationEdition, DeveloperEdition, WebEdition, ExpressEdition,
    ];
}
