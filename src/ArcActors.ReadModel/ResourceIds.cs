using ArcActors.Contracts;
using ArcActors.Contracts.Ingress;

namespace ArcActors.ReadModel;

/// <summary>
/// Builds ARM resource names and ids. Names go into ids unchanged (no escaping, no case folding),
/// so a database called <c>αβγ ΔΕ</c> appears in its id byte for byte.
/// </summary>
public static class ResourceIds
{
    public const string ArcDataProvider = "Microsoft.AzureArcData";
    public const string HybridComputeProvider = "Microsoft.HybridCompute";
    public const string DefaultInstanceName = "MSSQLSERVER";

    public const string InstanceType = "Microsoft.AzureArcData/sqlServerInstances";
    public const string DatabaseType = "Microsoft.AzureArcData/sqlServerInstances/databases";
    public const string AvailabilityGroupType = "Microsoft.AzureArcData/sqlServerInstances/availabilityGroups";
    public const string MachineType = "Microsoft.HybridCompute/machines";
    public const string LicenseType = "Microsoft.AzureArcData/sqlServerLicenses";

    /// <summary>Returns <c>host_instance</c> for a named instance and <c>host</c> for the default instance MSSQLSERVER (any case).</summary>
    public static string InstanceName(string hostName, string instanceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostName);
        ArgumentException.ThrowIfNullOrEmpty(instanceName);

        return NameRules.InstanceResourceName(hostName, instanceName);
    }

    public static string ResourceGroupPrefix(ResourceScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return $"/subscriptions/{scope.SubscriptionId}/resourceGroups/{scope.ResourceGroup}";
    }

    public static string Instance(ResourceScope scope, string hostName, string instanceName) =>
        InstanceById(scope, InstanceName(hostName, instanceName));

    /// <summary>Returns the id of an instance whose resource name is already known, such as <c>sql-prod-01_SALES</c>.</summary>
    public static string InstanceById(ResourceScope scope, string instanceResourceName) =>
        $"{ResourceGroupPrefix(scope)}/providers/{InstanceType}/{instanceResourceName}";

    public static string Database(string instanceId, string databaseName) => $"{instanceId}/databases/{databaseName}";

    public static string AvailabilityGroup(string instanceId, string availabilityGroupName) =>
        $"{instanceId}/availabilityGroups/{availabilityGroupName}";

    public static string Machine(ResourceScope scope, string hostName) =>
        $"{ResourceGroupPrefix(scope)}/providers/{MachineType}/{hostName}";

    public static string License(ResourceScope scope, string licenseName) =>
        $"{ResourceGroupPrefix(scope)}/providers/{LicenseType}/{licenseName}";

    /// <summary>
    /// Returns the id of a resource named the way <c>ResourceChange</c> names it: a type below the provider
    /// such as <c>sqlServerInstances/databases</c> and a name such as <c>sql-prod-01_SALES/orders</c>.
    /// A type that starts with a provider namespace (<c>Microsoft.HybridCompute/machines</c>) keeps it;
    /// otherwise <c>machines</c> maps to Microsoft.HybridCompute and everything else to Microsoft.AzureArcData.
    /// </summary>
    public static string FromTypeAndName(ResourceScope scope, string resourceType, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceType);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var fullType = QualifyType(resourceType);
        var typeSegments = fullType.Split('/');
        var nameSegments = SplitName(name, typeSegments.Length - 1);
        var path = new System.Text.StringBuilder($"{ResourceGroupPrefix(scope)}/providers/{typeSegments[0]}");

        for (var i = 1; i < typeSegments.Length; i++)
        {
            path.Append('/').Append(typeSegments[i]).Append('/').Append(nameSegments[i - 1]);
        }

        return path.ToString();
    }

    /// <summary>Returns the full ARM type, such as <c>Microsoft.AzureArcData/sqlServerInstances/databases</c>.</summary>
    public static string QualifyType(string resourceType)
    {
        var firstSegment = resourceType.Split('/')[0];
        if (firstSegment.Contains('.'))
        {
            return resourceType;
        }

        var provider = string.Equals(firstSegment, "machines", StringComparison.OrdinalIgnoreCase)
            ? HybridComputeProvider
            : ArcDataProvider;
        return $"{provider}/{resourceType}";
    }

    // A database name may contain '/', so everything after the parent segments belongs to the last name.
    private static string[] SplitName(string name, int segmentCount)
    {
        var parts = name.Split('/', segmentCount);
        if (parts.Length != segmentCount)
        {
            throw new ArgumentException(
                $"Resource name '{name}' has {parts.Length} segment(s) but its type needs {segmentCount}; " +
                "separate the parent and child names with '/'.",
                nameof(name));
        }

        return parts;
    }
}
