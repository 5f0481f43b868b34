namespace ArcActors.Simulation.Fleets;

/// <summary>The values a fleet file accepts for its enumerated keys, spelled as ARM and SQL Server spell them.</summary>
public static class FleetValues
{
    public const string Windows = "Windows";
    public const string Linux = "Linux";
    public const string Paid = "Paid";
    public const string Payg = "PAYG";
    public const string LicenseOnly = "LicenseOnly";
    public const string Running = "Running";
    public const string Stopped = "Stopped";
    public const string Primary = "Primary";
    public const string Secondary = "Secondary";
    public const string Activated = "Activated";
    public const string Deactivated = "Deactivated";
    public const string Registered = "Registered";
    public const string NotRegistered = "NotRegistered";
    public const string DefaultInstanceName = "MSSQLSERVER";
    public const string HybridComputeProvider = "Microsoft.HybridCompute";
    public const string AzureArcDataProvider = "Microsoft.AzureArcData";

    public static IReadOnlyList<string> Editions { get; } = ["Enterprise", "Standard", "Web", "Express", "Developer", "Evaluation"];
    public static IReadOnlyList<string> OperatingSystems { get; } = [Windows, Linux];
    public static IReadOnlyList<string> LicenseTypes { get; } = [Payg, Paid, LicenseOnly];
    public static IReadOnlyList<string> InstanceStates { get; } = [Running, Stopped];

    public static IReadOnlyList<string> DatabaseStates { get; } =
        ["Online", "Restoring", "Recovering", "RecoveryPending", "Suspect", "Emergency", "Offline", "Copying", "OfflineSecondary"];

    public static IReadOnlyList<string> RecoveryModes { get; } = ["Full", "Bulk-logged", "Simple"];
    public static IReadOnlyList<string> PageVerifyOptions { get; } = ["CHECKSUM", "TORN_PAGE_DETECTION", "NONE"];
    public static IReadOnlyList<string> AvailabilityGroupRoles { get; } = [Primary, Secondary];
    public static IReadOnlyList<string> BillingPlans { get; } = [Payg, Paid];
    public static IReadOnlyList<string> ScopeTypes { get; } = ["Tenant", "Subscription", "ResourceGroup"];
    public static IReadOnlyList<string> ActivationStates { get; } = [Activated, Deactivated];
    public static IReadOnlyList<string> Providers { get; } = [HybridComputeProvider, AzureArcDataProvider];
    public static IReadOnlyList<string> ProviderStates { get; } = [Registered, NotRegistered];

    /// <summary>Returns a new map with both resource providers registered.</summary>
    public static Dictionary<string, bool> DefaultProviders() => new(StringComparer.OrdinalIgnoreCase)
    {
        [HybridComputeProvider] = true,
        [AzureArcDataProvider] = true,
    };

    /// <summary>Comparer of instance names as SQL Server compares them: case-insensitively.</summary>
    public static StringComparer InstanceNameComparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Comparer of host names as Windows and DNS compare them: case-insensitively.</summary>
    public static StringComparer HostNameComparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Compares instance names as SQL Server does: case-insensitively.</summary>
    public static bool SameInstanceName(string left, string right) => InstanceNameComparer.Equals(left, right);

    /// <summary>Compares host names as Windows and DNS do: case-insensitively.</summary>
    public static bool SameHostName(string left, string right) => HostNameComparer.Equals(left, right);

    /// <summary>
    /// Comparer of database names as an instance with this collation compares them:
    /// case-insensitively for a case-insensitive (<c>_CI</c>) collation, ordinally for
    /// case-sensitive and binary ones. Trailing spaces are removed when a name is read, because
    /// SQL Server ignores them.
    /// </summary>
    public static StringComparer DatabaseNameComparer(string collation) =>
        collation.Contains("_CI", StringComparison.OrdinalIgnoreCase) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Compares database names as an instance with this collation does (see <see cref="DatabaseNameComparer"/>).</summary>
    public static bool SameDatabaseName(string collation, string left, string right) =>
        DatabaseNameComparer(collation).Equals(left, right);

    /// <summary>Returns why SQL Server enabled by Azure Arc cannot manage an instance of this name, or "" when it can.</summary>
    public static string UnsupportedReason(string instanceName) =>
        instanceName.Contains('#')
            ? $"instance name '{instanceName}' contains '#', which SQL Server enabled by Azure Arc does not support"
            : "";
}
