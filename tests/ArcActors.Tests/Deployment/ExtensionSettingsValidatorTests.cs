using ArcActors.Contracts.Inventory;
using ArcActors.Host.Deployment;
using Xunit;

namespace ArcActors.Tests.Deployment;

public sealed class ExtensionSettingsValidatorTests
{
    private static readonly ExtensionSettings PaidWithEsu = new() { LicenseType = "Paid", EnableExtendedSecurityUpdates = true };
    private static readonly ExtensionSettings LicenseOnly = new() { LicenseType = "LicenseOnly" };

    public static TheoryData<string, ExtensionSettings> ValidSettings => new()
    {
        { "defaults", new ExtensionSettings() },
        { "PAYG with consent", new ExtensionSettings { LicenseType = "PAYG", ConsentToRecurringPayg = true } },
        { "PAYG without consent", new ExtensionSettings { LicenseType = "PAYG" } },
        { "PAYG with ESU", new ExtensionSettings { LicenseType = "PAYG", EnableExtendedSecurityUpdates = true } },
        { "Paid with ESU", PaidWithEsu },
        { "Paid with physical core license", new ExtensionSettings { LicenseType = "Paid", UsePhysicalCoreLicense = true } },
        { "PAYG with physical core license", new ExtensionSettings { LicenseType = "PAYG", UsePhysicalCoreLicense = true } },
        { "LicenseOnly alone", LicenseOnly },
        {
            "every known flag",
            new ExtensionSettings
            {
                FeatureFlags = new Dictionary<string, bool>
                {
                    ["LeastPrivilege"] = true,
                    ["AvailabilityGroupDiscovery"] = false,
                    ["SqlFailoverClusterInstanceDiscovery"] = true,
                },
            }
        },
        { "valid excluded instances", new ExtensionSettings { ExcludedInstances = ["MSSQLSERVER", "SQLEXPRESS", "Sales_2019", "A$B", "Прод1"] } },
    };

    // Columns: case, proposed settings, settings in force (null for an install), expected code, then the
    // setting name and the value the message must name.
    public static TheoryData<string, ExtensionSettings, ExtensionSettings?, string, string, string> InvalidSettings => new()
    {
        { "unknown license type", new ExtensionSettings { LicenseType = "Free" }, null, "InvalidLicenseType", "LicenseType", "Free" },
        { "license type in lower case", new ExtensionSettings { LicenseType = "payg" }, null, "InvalidLicenseType", "LicenseType", "'PAYG'" },
        { "empty license type", new ExtensionSettings { LicenseType = "" }, null, "InvalidLicenseType", "LicenseType", "''" },
        {
            "ESU turned on with LicenseOnly", new ExtensionSettings { LicenseType = "LicenseOnly", EnableExtendedSecurityUpdates = true },
            LicenseOnly, "EsuRequiresPaidOrPayg", "enableExtendedSecurityUpdates", "LicenseOnly"
        },
        {
            "install with LicenseOnly and ESU", new ExtensionSettings { LicenseType = "LicenseOnly", EnableExtendedSecurityUpdates = true },
            null, "EsuRequiresPaidOrPayg", "enableExtendedSecurityUpdates", "LicenseOnly"
        },
        {
            "switch to LicenseOnly while ESU stays on", new ExtensionSettings { LicenseType = "LicenseOnly", EnableExtendedSecurityUpdates = true },
            PaidWithEsu, "LicenseOnlyWhileEsuEnabled", "LicenseType", "LicenseOnly"
        },
        {
            "physical core license with LicenseOnly", new ExtensionSettings { LicenseType = "LicenseOnly", UsePhysicalCoreLicense = true },
            null, "PhysicalCoreLicenseRequiresPaidOrPayg", "UsePhysicalCoreLicense", "LicenseOnly"
        },
        {
            "PAYG consent with Paid", new ExtensionSettings { LicenseType = "Paid", ConsentToRecurringPayg = true },
            null, "PaygConsentRequiresPayg", "ConsentToRecurringPAYG", "Paid"
        },
        {
            "PAYG consent with LicenseOnly", new ExtensionSettings { LicenseType = "LicenseOnly", ConsentToRecurringPayg = true },
            null, "PaygConsentRequiresPayg", "ConsentToRecurringPAYG", "LicenseOnly"
        },
        {
            "unknown feature flag", new ExtensionSettings { FeatureFlags = new Dictionary<string, bool> { ["Purview"] = true } },
            null, "UnknownFeatureFlag", "FeatureFlags", "Purview"
        },
        {
            "feature flag in wrong case", new ExtensionSettings { FeatureFlags = new Dictionary<string, bool> { ["leastprivilege"] = true } },
            null, "UnknownFeatureFlag", "FeatureFlags", "'LeastPrivilege'"
        },
        {
            "unknown flag turned off", new ExtensionSettings { FeatureFlags = new Dictionary<string, bool> { ["AutomaticUpdates"] = false } },
            null, "UnknownFeatureFlag", "FeatureFlags", "AutomaticUpdates"
        },
        { "excluded name starts with digit", Excluding("1SQL"), null, "InvalidExcludedInstanceName", "ExcludedSqlInstances", "1SQL" },
        { "excluded name with space", Excluding("SQL EXPRESS"), null, "InvalidExcludedInstanceName", "ExcludedSqlInstances", "SQL EXPRESS" },
        { "excluded name with hash", Excluding("SQL#1"), null, "InvalidExcludedInstanceName", "ExcludedSqlInstances", "SQL#1" },
        { "excluded name empty", Excluding(""), null, "InvalidExcludedInstanceName", "ExcludedSqlInstances", "''" },
        { "excluded name too long", Excluding("INSTANCENAME12345"), null, "InvalidExcludedInstanceName", "ExcludedSqlInstances", "INSTANCENAME12345" },
        { "excluded name ends with underscore", Excluding("SALES_"), null, "InvalidExcludedInstanceName", "ExcludedSqlInstances", "SALES_" },
        { "excluded name with slash", Excluding("SQL/1"), null, "InvalidExcludedInstanceName", "ExcludedSqlInstances", "SQL/1" },
        { "excluded name twice", Excluding("SQLEXPRESS", "sqlexpress"), null, "DuplicateExcludedInstanceName", "ExcludedSqlInstances", "sqlexpress" },
    };

    [Theory]
    [MemberData(nameof(ValidSettings))]
    public void Validator_AcceptsValidSettings(string name, ExtensionSettings settings)
    {
        var error = ExtensionSettingsValidator.Validate(settings);

        Assert.True(error is null, $"{name}: {error}");
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Validator_RejectsInvalidSettings(string name, ExtensionSettings proposed, ExtensionSettings? current, string code, string setting, string value)
    {
        var error = ExtensionSettingsValidator.Validate(proposed, current);

        Assert.True(error is not null, $"{name}: expected {code}, got no error");
        Assert.Equal(code, error.Code);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_InvalidMessagesNameAFix()
    {
        foreach (var row in InvalidSettings)
        {
            var error = ExtensionSettingsValidator.Validate((ExtensionSettings)row[1], (ExtensionSettings?)row[2])!;

            var namesFix = new[] { "use", "set", "change", "remove", "spell", "list" }.Any(verb => error.Message.Contains(verb, StringComparison.OrdinalIgnoreCase));
            Assert.True(namesFix, $"{row[0]}: message names no fix: {error.Message}");
        }
    }

    private static ExtensionSettings Excluding(params string[] names) => new() { ExcludedInstances = names };
}
