using System.Text.Json;
using ArcActors.Contracts.Inventory;
using ArcActors.Arm.Tests.Jobs;
using ArcActors.Host.Deployment;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests.Extensions;

/// <summary>
/// The settings rules of PUT and PATCH on the SQL Server extension, checked before any job is queued. The main host
/// starts with LicenseType PAYG, ESU on, PAYG consent, SQLEXPRESS excluded and AvailabilityGroupDiscovery off.
/// </summary>
public sealed class ExtensionSettingsValidationTests : IClassFixture<ExtensionApiFixture>
{
    private readonly ExtensionApiFixture _api;

    public ExtensionSettingsValidationTests(ExtensionApiFixture api)
    {
        _api = api;
        _api.Reset();
    }

    /// <summary>Method, settings JSON and the error code the API must return with 400.</summary>
    public static TheoryData<string, string, string> Rejected => new()
    {
        // LicenseOnly while ESU stays on: the PATCH keeps ESU from the settings in force.
        { "PATCH", """{"LicenseType": "LicenseOnly"}""", DeploymentErrorCodes.LicenseOnlyWhileEsuEnabled },
        // Switching to LicenseOnly while the PUT keeps ESU on is the same rule, seen from the settings in force.
        { "PUT", """{"LicenseType": "LicenseOnly", "enableExtendedSecurityUpdates": true}""", DeploymentErrorCodes.LicenseOnlyWhileEsuEnabled },
        // UsePhysicalCoreLicense needs Paid or PAYG.
        { "PUT", """{"LicenseType": "LicenseOnly", "UsePhysicalCoreLicense": {"IsApplied": true}}""", DeploymentErrorCodes.PhysicalCoreLicenseRequiresPaidOrPayg },
        // ConsentToRecurringPAYG only with PAYG: a PATCH to Paid keeps the consent in force.
        { "PATCH", """{"LicenseType": "Paid", "enableExtendedSecurityUpdates": false}""", DeploymentErrorCodes.PaygConsentRequiresPayg },
        { "PUT", """{"LicenseType": "Paid", "ConsentToRecurringPAYG": {"Consented": true}}""", DeploymentErrorCodes.PaygConsentRequiresPayg },
        // An unknown feature flag.
        { "PATCH", """{"FeatureFlags": [{"Name": "TurboMode", "Enable": true}]}""", DeploymentErrorCodes.UnknownFeatureFlag },
        // An unknown license type.
        { "PUT", """{"LicenseType": "Free"}""", DeploymentErrorCodes.InvalidLicenseType },
        // An unknown setting name.
        { "PUT", """{"LicenceType": "Paid"}""", "InvalidExtensionSettings" },
        // A setting of the wrong JSON type.
        { "PUT", """{"enableExtendedSecurityUpdates": "yes"}""", "InvalidExtensionSettings" },
        // SqlManagement off cannot be expressed; uninstalling is the way to stop the extension.
        { "PUT", """{"SqlManagement": {"IsEnabled": false}}""", "InvalidExtensionSettings" },
        // The same flag twice.
        { "PUT", """{"FeatureFlags": [{"Name": "LeastPrivilege", "Enable": true}, {"Name": "LeastPrivilege", "Enable": false}]}""", "InvalidExtensionSettings" },
    };

    /// <summary>Method and settings JSON the API must accept with 202.</summary>
    public static TheoryData<string, string> Accepted => new()
    {
        { "PUT", """{"LicenseType": "Paid"}""" },
        { "PUT", """{"LicenseType": "PAYG", "ConsentToRecurringPAYG": {"Consented": true}, "enableExtendedSecurityUpdates": true}""" },
        { "PUT", """{"LicenseType": "LicenseOnly", "enableExtendedSecurityUpdates": false}""" },
        { "PATCH", """{"LicenseType": "Paid", "enableExtendedSecurityUpdates": false, "ConsentToRecurringPAYG": {"Consented": false}}""" },
        { "PATCH", """{"UsePhysicalCoreLicense": {"IsApplied": true}}""" },
        { "PATCH", """{"FeatureFlags": [{"Name": "LeastPrivilege", "Enable": true}]}""" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task Settings_RuleBrokenRejectedBeforeQueueing(string method, string settings, string expectedCode)
    {
        var response = await SendSettingsAsync(method, settings);

        Assert.Equal(400, response.Status);
        Assert.Equal(expectedCode, response.ErrorCode);
        Assert.NotEqual("", response.ErrorMessage);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Settings_ValidChangeQueued(string method, string settings)
    {
        var response = await SendSettingsAsync(method, settings);

        Assert.Equal(202, response.Status);
        Assert.Single(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task Patch_EsuOnLicenseOnlyHostRejected()
    {
        var path = ExtensionApiFixture.ExtensionPath(ExtensionApiFixture.MachineIdOf(ExtensionApiFixture.LicenseOnlyHost));

        var response = await _api.SendAsync(HttpMethod.Patch, path, """{"properties": {"settings": {"enableExtendedSecurityUpdates": true}}}""");

        Assert.Equal(400, response.Status);
        Assert.Equal(DeploymentErrorCodes.EsuRequiresPaidOrPayg, response.ErrorCode);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task Settings_UnknownSettingNamedInMessage()
    {
        var response = await SendSettingsAsync("PUT", """{"AutoPatching": true}""");

        Assert.Equal(400, response.Status);
        Assert.Contains("'AutoPatching'", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_UnknownFeatureFlagNamedInMessage()
    {
        var response = await SendSettingsAsync("PUT", """{"FeatureFlags": [{"Name": "TurboMode", "Enable": true}]}""");

        Assert.Contains("TurboMode", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_MissingSettingsTakeDefaults()
    {
        var response = await SendSettingsAsync("PUT", """{"LicenseType": "Paid"}""");

        Assert.Equal(202, response.Status);
        var sent = SentSettings();
        var defaults = new ExtensionSettings();
        Assert.Equal("Paid", sent.LicenseType);
        Assert.Equal(defaults.EnableExtendedSecurityUpdates, sent.EnableExtendedSecurityUpdates);
        Assert.Equal(defaults.ConsentToRecurringPayg, sent.ConsentToRecurringPayg);
        Assert.Empty(sent.ExcludedInstances);
        Assert.Empty(sent.FeatureFlags);
    }

    [Fact]
    public async Task Patch_MergesIntoSettingsInForce()
    {
        var response = await SendSettingsAsync("PATCH", """{"FeatureFlags": [{"Name": "LeastPrivilege", "Enable": true}]}""");

        Assert.Equal(202, response.Status);
        var sent = SentSettings();
        var current = ExtensionApiFixture.MainSettings;
        Assert.Equal(current.LicenseType, sent.LicenseType);
        Assert.Equal(current.EnableExtendedSecurityUpdates, sent.EnableExtendedSecurityUpdates);
        Assert.Equal(current.ConsentToRecurringPayg, sent.ConsentToRecurringPayg);
        Assert.Equal(current.ExcludedInstances, sent.ExcludedInstances);
        Assert.True(sent.FeatureFlags["LeastPrivilege"]);
        Assert.False(sent.FeatureFlags["AvailabilityGroupDiscovery"]);
    }

    [Fact]
    public async Task Patch_ExcludedInstancesReplacedWhole()
    {
        var response = await SendSettingsAsync("PATCH", """{"ExcludedSqlInstances": ["REPORTING"]}""");

        Assert.Equal(202, response.Status);
        Assert.Equal(["REPORTING"], SentSettings().ExcludedInstances);
    }

    [Fact]
    public async Task Put_BusyHostOperationInProgress()
    {
        var path = ExtensionApiFixture.ExtensionPath(ExtensionApiFixture.MachineIdOf(ExtensionApiFixture.BusyHost));

        var response = await _api.SendAsync(HttpMethod.Put, path, """{"properties": {"settings": {"LicenseType": "PAYG"}}}""");

        Assert.Equal(409, response.Status);
        Assert.Equal(DeploymentErrorCodes.OperationInProgress, response.ErrorCode);
        Assert.Contains(ExtensionApiFixture.BusyJobId.ToString("D"), response.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task Put_SecondUpdateWhileFirstQueuedInProgress()
    {
        var first = await SendSettingsAsync("PUT", """{"LicenseType": "Paid"}""");
        var firstJobId = first.Body!["jobId"]!.GetValue<string>();

        var second = await SendSettingsAsync("PUT", """{"LicenseType": "PAYG"}""");

        Assert.Equal(202, first.Status);
        Assert.Equal(409, second.Status);
        Assert.Equal(DeploymentErrorCodes.OperationInProgress, second.ErrorCode);
        Assert.Contains(firstJobId, second.ErrorMessage, StringComparison.Ordinal);
        Assert.Single(_api.Commands.Enqueued);
    }

    private Task<JobResponse> SendSettingsAsync(string method, string settings) =>
        _api.SendAsync(new HttpMethod(method), ExtensionApiFixture.ExtensionPath(MachineId()), $$$"""{"properties": {"settings": {{{settings}}}}}""");

    private ExtensionSettings SentSettings()
    {
        var command = Assert.Single(_api.Commands.Enqueued);
        return JsonSerializer.Deserialize<ExtensionSettings>(command.Parameters["settings"])!;
    }
}
