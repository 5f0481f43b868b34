using System.Text.Json;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    private static readonly JsonSerializerOptions DeployedSettingsJson = new() { PropertyNameCaseInsensitive = true };

    /// <summary>
    /// Returns the extension settings of the newest Deploy job (Update or Install) that succeeded on the
    /// machine <paramref name="machineResourceId"/> after its last inventory, or null when the inventory is
    /// newer. Until the next inventory reports them, these are the settings in force on the host.
    /// </summary>
    public ExtensionSettings? FindDeployedExtensionSettings(string machineResourceId, Guid vmId)
    {
        ArgumentException.ThrowIfNullOrEmpty(machineResourceId);

        using var connection = OpenConnection();
        var inventoryAt = connection.Scalar(null, "SELECT at FROM machines WHERE vm_id = @vm", ("@vm", vmId.ToString("D"))) as long? ?? 0;
        var rows = connection.Query(
            null,
            $"""
            SELECT parameters_json FROM jobs
            WHERE {_dialect.EqualsIgnoringCase("resource_id", "@resource")} AND kind = @kind AND state = @state AND ended_at > @inventory
            ORDER BY ended_at DESC, job_id LIMIT 20
            """,
            reader => StorageJson.Deserialize<Dictionary<string, string>>(reader.GetString(0)),
            ("@resource", machineResourceId),
            ("@kind", JobKinds.Deploy),
            ("@state", nameof(JobState.Succeeded)),
            ("@inventory", inventoryAt));
        var latest = rows.FirstOrDefault(parameters => parameters.TryGetValue("settings", out var settings) && settings.Length > 0
            && parameters.TryGetValue("operation", out var operation) && operation is "Update" or "Install");
        return latest is null ? null : JsonSerializer.Deserialize<ExtensionSettings>(latest["settings"], DeployedSettingsJson);
    }
}
