namespace ArcActors.Arm;

/// <summary>Api-versions accepted by the requests that are not about one resource type.</summary>
public static class ArmApiVersions
{
    /// <summary>
    /// Api-versions for the provider documents and the generic <c>/resources</c> lists. ARM clients read
    /// those with a Microsoft.Resources api-version (Azure.ResourceManager 1.7.0 sends 2022-09-01; Az
    /// PowerShell sends 2021-04-01), so those are accepted beside the Arc data version.
    /// </summary>
    public static readonly IReadOnlyList<string> ResourceManager = ["2022-09-01", "2021-04-01", ArmResourceTypes.ApiVersion];

    /// <summary>The api-version of Azure Monitor's activity log API, which ARM clients send for the event list.</summary>
    public static readonly IReadOnlyList<string> ActivityLog = ["2015-04-01"];

    /// <summary>Returns null when <paramref name="value"/> is one of <paramref name="supported"/>, or the error to send.</summary>
    internal static ArmError? Check(string? value, string target, IReadOnlyList<string> supported)
    {
        if (string.IsNullOrEmpty(value))
        {
            return ArmError.MissingApiVersion(target, supported);
        }

        return supported.Contains(value, StringComparer.OrdinalIgnoreCase)
            ? null
            : ArmError.InvalidApiVersion(value, target, supported);
    }
}
