using ArcActors.ReadModel;

namespace ArcActors.Arm.Extensions;

/// <summary>
/// The routes below a <c>Microsoft.HybridCompute/machines</c> resource: the SQL Server extension
/// <c>extensions/{name}</c> (GET, PUT, PATCH, DELETE) and the POST actions <c>getJobsStatus</c> and <c>installUpdate</c>.
/// </summary>
internal static class MachineRoutes
{
    public const string WindowsExtension = "WindowsAgent.SqlServer";
    public const string LinuxExtension = "LinuxAgent.SqlServer";

    public const string ExtensionsSegment = "extensions";
    public const string GetJobsStatus = "getJobsStatus";
    public const string InstallUpdate = "installUpdate";

    /// <summary>The full ARM type of an extension resource.</summary>
    public const string ExtensionType = "Microsoft.HybridCompute/machines/extensions";

    public static readonly IReadOnlyList<string> ExtensionNames = [WindowsExtension, LinuxExtension];

    public static readonly IReadOnlyList<string> Actions = [GetJobsStatus, InstallUpdate];

    /// <summary>
    /// Returns the request when <paramref name="typesAndNames"/> (the segments after the provider namespace) is
    /// <c>machines/{name}/extensions/{extension}</c> or <c>machines/{name}/{action}</c>, an invalid request with a 404
    /// for an extension name other than the two SQL Server extensions, else null so the caller parses the path as a resource or collection.
    /// </summary>
    public static ArmRequest? Parse(string groupPrefix, string providerNamespace, string[] typesAndNames)
    {
        if (!Is(providerNamespace, ResourceIds.HybridComputeProvider)
            || typesAndNames.Length is not (3 or 4)
            || !Is(typesAndNames[0], ArmResourceTypes.Machine.TypePath))
        {
            return null;
        }

        var machineId = $"{groupPrefix}/providers/{ResourceIds.HybridComputeProvider}/{ArmResourceTypes.Machine.TypePath}/{typesAndNames[1]}";
        if (typesAndNames.Length == 3)
        {
            var action = Actions.FirstOrDefault(known => Is(known, typesAndNames[2]));
            return action is null ? null : new ArmRequest.MachineAction(machineId, action);
        }

        if (!Is(typesAndNames[2], ExtensionsSegment))
        {
            return null;
        }

        var extension = ExtensionNames.FirstOrDefault(known => Is(known, typesAndNames[3]));
        return extension is null
            ? new ArmRequest.Invalid(UnknownExtension(machineId, typesAndNames[3]))
            : new ArmRequest.MachineExtension(machineId, extension);
    }

    /// <summary>Returns the id of the extension resource <paramref name="extensionName"/> of a machine.</summary>
    public static string ExtensionId(string machineId, string extensionName) => $"{machineId}/{ExtensionsSegment}/{extensionName}";

    /// <summary>Returns the SQL Server extension name for a host OS as MachineSnapshot.Os spells it.</summary>
    public static string ExtensionNameFor(string hostOs) =>
        string.Equals(hostOs, "Linux", StringComparison.OrdinalIgnoreCase) ? LinuxExtension : WindowsExtension;

    private static ArmError UnknownExtension(string machineId, string name) =>
        new(404, "ResourceNotFound",
            $"The machine '{machineId}' has no extension '{(name.Length <= 64 ? name : name[..64] + "…")}'. "
            + $"This API serves only the SQL Server extension: {WindowsExtension} on Windows hosts, {LinuxExtension} on Linux hosts.");

    private static bool Is(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);
}
