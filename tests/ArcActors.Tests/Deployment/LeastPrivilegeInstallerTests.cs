using ArcActors.Contracts.Inventory;
using ArcActors.Host.Deployment;
using ArcActors.Sql.Privileges;
using Xunit;
using static ArcActors.Tests.Deployment.LeastPrivilegeFixture;

namespace ArcActors.Tests.Deployment;

public sealed class LeastPrivilegeInstallerTests
{
    private static readonly ExtensionSettings LeastPrivilegeOn = WithFlags(("LeastPrivilege", true));
    private static readonly ExtensionSettings LeastPrivilegeWithoutAvailabilityGroups = WithFlags(("LeastPrivilege", true), ("AvailabilityGroupDiscovery", false));

    private readonly RecordingStepRunner _runner = new(Principal);

    private LeastPrivilegeInstaller Installer(IReadOnlyList<DatabaseTarget>? databases = null) =>
        new(_runner, _ => Task.FromResult(databases ?? Databases), Principal);

    [Fact]
    public async Task LeastPrivilegeInstaller_FlagOffRunsNothing()
    {
        var result = await Installer().InstallAsync(new ExtensionSettings(), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Empty(_runner.Steps);
    }

    [Fact]
    public async Task LeastPrivilegeInstaller_InstallGrantsDefaultFeatures()
    {
        var result = await Installer().InstallAsync(LeastPrivilegeOn, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.True(_runner.Model.HasLogin);
        Assert.Contains(EntryOnlyFeatureGrants[ExtensionFeature.AvailabilityGroupDiscovery], _runner.Model.Held);
        Assert.Contains(EntryOnlyFeatureGrants[ExtensionFeature.MigrationAssessment], _runner.Model.Held);
        Assert.DoesNotContain(EntryOnlyFeatureGrants[ExtensionFeature.Purview], _runner.Model.Held);
    }

    [Fact]
    public async Task LeastPrivilegeInstaller_ToggleThenUninstall()
    {
        var installer = Installer();
        var availabilityGroups = EntryOnlyFeatureGrants[ExtensionFeature.AvailabilityGroupDiscovery];

        Assert.True((await installer.InstallAsync(new ExtensionSettings(), CancellationToken.None)).Succeeded);
        Assert.Empty(_runner.Model.Held);

        Assert.True((await installer.ApplySettingsAsync(new ExtensionSettings(), LeastPrivilegeOn, CancellationToken.None)).Succeeded);
        Assert.Contains(availabilityGroups, _runner.Model.Held);

        Assert.True((await installer.ApplySettingsAsync(LeastPrivilegeOn, LeastPrivilegeWithoutAvailabilityGroups, CancellationToken.None)).Succeeded);
        Assert.DoesNotContain(availabilityGroups, _runner.Model.Held);
        Assert.True(_runner.Model.HasLogin);

        Assert.True((await installer.ApplySettingsAsync(LeastPrivilegeWithoutAvailabilityGroups, LeastPrivilegeOn, CancellationToken.None)).Succeeded);
        Assert.Contains(availabilityGroups, _runner.Model.Held);

        Assert.True((await installer.UninstallAsync(CancellationToken.None)).Succeeded);
        Assert.Empty(_runner.Model.Held);
        Assert.False(_runner.Model.HasLogin);
    }

    [Fact]
    public async Task LeastPrivilegeInstaller_OmittedFlagRevokesAll()
    {
        var installer = Installer();
        await installer.InstallAsync(LeastPrivilegeOn, CancellationToken.None);

        // The update names only the license type, so LeastPrivilege takes its default, off.
        var result = await installer.ApplySettingsAsync(LeastPrivilegeOn, new ExtensionSettings { LicenseType = "PAYG" }, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Empty(_runner.Model.Held);
        Assert.False(_runner.Model.HasLogin);
    }

    [Fact]
    public async Task LeastPrivilegeInstaller_UninstallDropsLogin()
    {
        var installer = Installer();
        await installer.InstallAsync(LeastPrivilegeOn, CancellationToken.None);

        // The uninstall gets no settings, so it removes every grant whether or not least privilege was on.
        var result = await installer.UninstallAsync(CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Empty(_runner.Model.Held);
    }

    [Fact]
    public async Task LeastPrivilegeInstaller_EnableReappliesGrants()
    {
        var installer = Installer();
        await installer.InstallAsync(LeastPrivilegeOn, CancellationToken.None);
        var granted = _runner.Model.Held.ToHashSet();
        _runner.Model.Held.Remove("master: VIEW SERVER STATE");

        var result = await installer.EnableAsync(LeastPrivilegeOn, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(granted.Order(), _runner.Model.Held.Order());
    }

    [Fact]
    public async Task LeastPrivilegeInstaller_DisableKeepsGrants()
    {
        var installer = Installer();
        await installer.InstallAsync(LeastPrivilegeOn, CancellationToken.None);
        var stepCount = _runner.Steps.Count;

        var result = await installer.DisableAsync(LeastPrivilegeOn, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(stepCount, _runner.Steps.Count);
    }

    [Fact]
    public async Task LeastPrivilegeInstaller_FailedStatementFailsOperation()
    {
        _runner.FailOn = "VIEW SERVER STATE";

        var result = await Installer().InstallAsync(LeastPrivilegeOn, CancellationToken.None);

        Assert.Equal("SqlStepFailed", result.Error!.Code);
        Assert.Contains("VIEW SERVER STATE", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("permission denied", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeastPrivilegeInstaller_OfflineDatabaseKeepsLogin()
    {
        var databases = Databases.Append(new DatabaseTarget("Offline", IsSystem: false, IsReadable: false)).ToList();
        var installer = Installer(databases);
        await installer.InstallAsync(LeastPrivilegeOn, CancellationToken.None);

        var result = await installer.UninstallAsync(CancellationToken.None);

        Assert.Equal("PermissionsLeftBehind", result.Error!.Code);
        Assert.Contains("[Offline]", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "login" }, _runner.Model.Held);
    }

    private static ExtensionSettings WithFlags(params (string Name, bool Enabled)[] flags) =>
        new() { FeatureFlags = flags.ToDictionary(flag => flag.Name, flag => flag.Enabled) };
}
