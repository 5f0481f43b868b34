using System.Text.Json;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Deployment;

/// <summary>
/// Discovery that reports the extension settings the deployer put in force, instead of the ones the
/// host started with, so the next inventory (and billing, which reads the license type from it) shows
/// them. The settings are kept in a JSON file, so a restarted host keeps reporting them.
/// </summary>
public sealed class DeployedSettingsSource : IDiscoverySource
{
    private readonly IDiscoverySource _inner;
    private readonly string _path;
    private ExtensionSettings? _deployed;

    /// <param name="path">The JSON file of the settings in force; it is read now when it exists.</param>
    /// <exception cref="InvalidDataException">The file exists but does not contain extension settings.</exception>
    public DeployedSettingsSource(IDiscoverySource inner, string path)
    {
        _inner = inner;
        _path = path;
        _deployed = Load(path);
    }

    /// <summary>Keeps the settings of a deployer state after an operation that succeeded; an uninstalled extension keeps its last settings.</summary>
    public void Record(DeployerState state)
    {
        if (state.Status is DeployerStatus.NotInstalled)
        {
            return;
        }

        Volatile.Write(ref _deployed, state.Settings);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state.Settings));
        File.Move(temporary, _path, overwrite: true);
    }

    public async Task<MachineSnapshot> DescribeMachineAsync(CancellationToken cancellationToken)
    {
        var machine = await _inner.DescribeMachineAsync(cancellationToken).ConfigureAwait(false);
        return Volatile.Read(ref _deployed) is { } deployed ? machine with { Extension = deployed } : machine;
    }

    public Task<IReadOnlyList<InstanceLocation>> LocateInstancesAsync(CancellationToken cancellationToken) => _inner.LocateInstancesAsync(cancellationToken);

    public Task<InstanceSnapshot> ProbeInstanceAsync(InstanceLocation instance, CancellationToken cancellationToken) =>
        _inner.ProbeInstanceAsync(instance, cancellationToken);

    public Task<DatabaseSnapshot> ProbeDatabaseAsync(InstanceLocation instance, DatabaseEntry database, CancellationToken cancellationToken) =>
        _inner.ProbeDatabaseAsync(instance, database, cancellationToken);

    private static ExtensionSettings? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ExtensionSettings>(File.ReadAllText(path));
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path} is invalid: it does not contain extension settings ({exception.Message}). Delete it, and the host reports its configured settings again.", exception);
        }
    }
}
