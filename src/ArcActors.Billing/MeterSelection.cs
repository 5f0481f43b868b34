namespace ArcActors.Billing;

/// <summary>Picks the meter of an OS environment from its highest edition, license type and state.</summary>
internal static class MeterSelection
{
    /// <summary>
    /// Returns the meter for an edition in ARM spelling and a canonical license type. Free editions
    /// ignore the license type, LicenseOnly ignores replica and coverage, and a passive replica wins over coverage.
    /// </summary>
    public static string For(string edition, string licenseType, bool isPassiveReplica, bool isCovered)
    {
        switch (edition)
        {
            case Editions.Evaluation:
                return Meters.EvaluationEdition;
            case Editions.Developer:
                return Meters.DeveloperEdition;
            case Editions.Web:
                return Meters.WebEdition;
            case Editions.Express:
                return Meters.ExpressEdition;
        }

        var isEnterprise = edition == Editions.Enterprise;
        if (licenseType == LicenseTypes.LicenseOnly)
        {
            return isEnterprise ? Meters.EnterpriseLicenseOnly : Meters.StandardLicenseOnly;
        }

        if (isPassiveReplica)
        {
            return isEnterprise ? Meters.EnterpriseDrReplica : Meters.StandardDrReplica;
        }

        if (isCovered)
        {
            return isEnterprise ? Meters.EnterpriseVirtualLicense : Meters.StandardVirtualLicense;
        }

        if (licenseType == LicenseTypes.Payg)
        {
            return isEnterprise ? Meters.EnterprisePayg : Meters.StandardPayg;
        }

        return isEnterprise ? Meters.EnterpriseAhb : Meters.StandardAhb;
    }
}
