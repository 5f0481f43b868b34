using System.Text.Json.Nodes;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;
using ArcActors.Host.Deployment;
using ArcActors.ReadModel;

namespace ArcActors.Arm.Extensions;

/// <summary>
/// Renders the SQL Server extension of a machine, shaped after the <c>Microsoft.HybridCompute/machines/extensions</c>
/// resource in Azure (id, name, type, location, properties with publisher, type and settings), not copied from it.
/// The settings use the setting names of the Azure Arc SQL Server extension.
/// </summary>
internal static class ExtensionJson
{
    public const string Publisher = "Microsoft.AzureData";

    /// <summary>Returns the extension resource of <paramref name="machine"/>, whose resource is <paramref name="machineResource"/>.</summary>
    public static JsonObject Resource(string machineId, string extensionName, JsonObject machineResource, MachineSnapshot machine, string provisioningState = "Succeeded")
    {
        ArgumentNullException.ThrowIfNull(machineResource);
        ArgumentNullException.ThrowIfNull(machine);

        return new JsonObject
        {
            ["id"] = MachineRoutes.ExtensionId(machineId, extensionName),
            ["name"] = extensionName,
            ["type"] = MachineRoutes.ExtensionType,
            ["location"] = machineResource["location"]?.DeepClone(),
            ["properties"] = new JsonObject
            {
                ["publisher"] = Publisher,
                ["type"] = extensionName,
                ["provisioningState"] = provisioningState,
                ["settings"] = Settings(machine.Extension),
            },
        };
    }

    /// <summary>Returns true when <paramref name="latestDeploy"/>, the newest Deploy job of the machine, uninstalled the extension.</summary>
    public static bool IsUninstalled(JobRow? latestDeploy) =>
        latestDeploy is { State: JobState.Succeeded } && Operation(latestDeploy) == nameof(DeployerOperation.Uninstall);

    /// <summary>
    /// Returns the ARM provisioning state after <paramref name="latestDeploy"/>, the newest Deploy job of the machine:
    /// Updating or Deleting while it waits or runs, Failed when it failed or timed out, Canceled when it was cancelled,
    /// and Succeeded when it succeeded or the machine has no Deploy job.
    /// </summary>
    public static string ProvisioningState(JobRow? latestDeploy) => latestDeploy?.State switch
    {
        JobState.Queued or JobState.Delivered or JobState.Running =>
            Operation(latestDeploy) == nameof(DeployerOperation.Uninstall) ? "Deleting" : "Updating",
        JobState.Failed or JobState.TimedOut => "Failed",
        JobState.Cancelled => "Canceled",
        _ => "Succeeded",
    };

    private static string? Operation(JobRow job) => job.Parameters.GetValueOrDefault("operation");

    /// <summary>
    /// Returns the settings as the extension resource shows them. Every known feature flag is listed with the value
    /// in force, so a flag the host never set shows its default.
    /// </summary>
    public static JsonObject Settings(ExtensionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        var flags = FeatureFlags.Known
            .Concat(settings.FeatureFlags.Keys.Where(name => !FeatureFlags.Known.Contains(name, StringComparer.Ordinal)))
            .Select(name => (JsonNode?)new JsonObject { ["Name"] = name, ["Enable"] = FeatureFlags.IsOn(settings.FeatureFlags, name) })
            .ToArray();
        return new JsonObject
        {
            [ExtensionSettingsReader.LicenseType] = settings.LicenseType,
            [ExtensionSettingsReader.SqlManagement] = new JsonObject { ["IsEnabled"] = true },
            [ExtensionSettingsReader.ExcludedSqlInstances] = new JsonArray(settings.ExcludedInstances.Select(name => (JsonNode?)name).ToArray()),
            [ExtensionSettingsReader.EnableExtendedSecurityUpdates] = settings.EnableExtendedSecurityUpdates,
            [ExtensionSettingsReader.UsePhysicalCoreLicense] = new JsonObject { ["IsApplied"] = settings.UsePhysicalCoreLicense },
            [ExtensionSettingsReader.ConsentToRecurringPayg] = new JsonObject { ["Consented"] = settings.ConsentToRecurringPayg },
            [ExtensionSettingsReader.FeatureFlags] = new JsonArray(flags),
        };
    }
}
