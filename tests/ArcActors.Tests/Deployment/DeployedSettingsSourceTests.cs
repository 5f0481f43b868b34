using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Deployment;
using Xunit;

namespace ArcActors.Tests.Deployment;

/// <summary>Discovery reports the settings the deployer put in force, also after a restart, and never an uninstalled state's.</summary>
public sealed class DeployedSettingsSourceTests : IDisposable
{
    private readonly string _folder = TestConfig.TempFolder("deployed-settings");
    private readonly MachineOnly _inner = new(new MachineSnapshot { VmId = Guid.NewGuid(), HostName = "sql-01", Extension = new ExtensionSettings { LicenseType = "Paid" } });

    private string SettingsPath => Path.Combine(_folder, "extension-settings.json");

    [Fact]
    public async Task DeployedSettings_ReportedAndKeptAcrossRestart()
    {
        var deployed = new ExtensionSettings { LicenseType = "PAYG", ConsentToRecurringPayg = true, FeatureFlags = new Dictionary<string, bool> { ["LeastPrivilege"] = true } };
        var source = new DeployedSettingsSource(_inner, SettingsPath);
        var before = await source.DescribeMachineAsync(CancellationToken.None);

        source.Record(new DeployerState { Status = DeployerStatus.Enabled, Settings = deployed });
        var after = await source.DescribeMachineAsync(CancellationToken.None);
        var restarted = await new DeployedSettingsSource(_inner, SettingsPath).DescribeMachineAsync(CancellationToken.None);

        Assert.Equal("Paid", before.Extension.LicenseType);
        Assert.Equal("PAYG", after.Extension.LicenseType);
        Assert.Equal("PAYG", restarted.Extension.LicenseType);
        Assert.True(restarted.Extension.ConsentToRecurringPayg);
        Assert.True(restarted.Extension.FeatureFlags["LeastPrivilege"]);
    }

    [Fact]
    public async Task DeployedSettings_UninstallKeepsLastSettings()
    {
        var source = new DeployedSettingsSource(_inner, SettingsPath);
        source.Record(new DeployerState { Status = DeployerStatus.Enabled, Settings = new ExtensionSettings { LicenseType = "PAYG", ConsentToRecurringPayg = true } });

        source.Record(new DeployerState { Status = DeployerStatus.NotInstalled, Settings = new ExtensionSettings() });

        Assert.Equal("PAYG", (await source.DescribeMachineAsync(CancellationToken.None)).Extension.LicenseType);
    }

    [Fact]
    public void DeployedSettings_CorruptFileNamed()
    {
        File.WriteAllText(SettingsPath, "{not json");

        var error = Assert.Throws<InvalidDataException>(() => new DeployedSettingsSource(_inner, SettingsPath));

        Assert.Contains(SettingsPath, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class MachineOnly(MachineSnapshot machine) : IDiscoverySource
    {
        public Task<MachineSnapshot> DescribeMachineAsync(CancellationToken cancellationToken) => Task.FromResult(machine);

        public Task<IReadOnlyList<InstanceLocation>> LocateInstancesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<InstanceLocation>>([]);

        public Task<InstanceSnapshot> ProbeInstanceAsync(InstanceLocation instance, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<DatabaseSnapshot> ProbeDatabaseAsync(InstanceLocation instance, DatabaseEntry database, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
