using System.Text.Json;
using System.Text.Json.Nodes;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Arm.Extensions;

/// <summary>
/// Reads the body of PUT and PATCH on the SQL Server extension, <c>{"properties": {"settings": {...}}}</c>, into
/// complete <see cref="ExtensionSettings"/>. Each setting present in the body replaces the one in the base settings:
/// the defaults for a PUT, the settings in force for a PATCH. A setting set to null takes its default. In a PATCH,
/// <c>FeatureFlags</c> merge by flag name, while <c>ExcludedSqlInstances</c> replaces the whole list.
/// </summary>
/// <remarks>
/// The setting names are those of the Azure Arc SQL Server extension, matched case-insensitively. The read-only
/// timestamps (<c>esuLastUpdatedTimestamp</c>, <c>LastUpdatedTimestamp</c>, <c>ConsentTimestamp</c>) are accepted and
/// ignored, so a GET body can be sent back; NOTE: ExtensionSettings stores none of them.
/// </remarks>
internal static class ExtensionSettingsReader
{
    public const string ErrorCode = "InvalidExtensionSettings";

    public const string LicenseType = "LicenseType";
    public const string SqlManagement = "SqlManagement";
    public const string ExcludedSqlInstances = "ExcludedSqlInstances";
    public const string EnableExtendedSecurityUpdates = "enableExtendedSecurityUpdates";
    public const string EsuLastUpdatedTimestamp = "esuLastUpdatedTimestamp";
    public const string UsePhysicalCoreLicense = "UsePhysicalCoreLicense";
    public const string ConsentToRecurringPayg = "ConsentToRecurringPAYG";
    public const string FeatureFlags = "FeatureFlags";

    public static readonly IReadOnlyList<string> SettingNames =
    [
        LicenseType, SqlManagement, ExcludedSqlInstances, EnableExtendedSecurityUpdates, EsuLastUpdatedTimestamp,
        UsePhysicalCoreLicense, ConsentToRecurringPayg, FeatureFlags,
    ];

    // Properties of an ARM machine extension that clients such as the Azure CLI send with the settings. Their values are not used.
    private static readonly string[] IgnoredTopLevel = ["id", "name", "type", "location", "tags"];
    private static readonly string[] IgnoredProperties = ["publisher", "type", "typeHandlerVersion", "autoUpgradeMinorVersion", "enableAutomaticUpgrade", "provisioningState"];

    /// <summary>Returns the complete settings after applying the body to <paramref name="baseSettings"/>, or the first error.</summary>
    public static (ExtensionSettings? Settings, ArmError? Error) Read(JsonObject body, ExtensionSettings baseSettings, bool mergeFeatureFlags)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(baseSettings);

        var unknownTop = body.Select(pair => pair.Key).FirstOrDefault(key => !Is(key, "properties") && !IgnoredTopLevel.Contains(key, StringComparer.OrdinalIgnoreCase));
        if (unknownTop is not null)
        {
            return Fail($"The property '{Shorten(unknownTop)}' is not known here. Send {{\"properties\": {{\"settings\": {{...}}}}}}.");
        }

        if (Find(body, "properties") is not JsonObject properties)
        {
            return Fail("The body has no 'properties' object. Send {\"properties\": {\"settings\": {...}}} with the settings to set.");
        }

        var unknownProperty = properties.Select(pair => pair.Key).FirstOrDefault(key => !Is(key, "settings") && !IgnoredProperties.Contains(key, StringComparer.OrdinalIgnoreCase));
        if (unknownProperty is not null)
        {
            return Fail($"The property 'properties.{Shorten(unknownProperty)}' is not known here. Send the extension settings in 'properties.settings'.");
        }

        if (Find(properties, "settings") is not JsonObject settings)
        {
            return Fail("The body has no 'properties.settings' object. Send the extension settings to set, such as {\"LicenseType\": \"Paid\"}.");
        }

        var result = baseSettings;
        foreach (var (name, value) in settings)
        {
            var known = SettingNames.FirstOrDefault(setting => Is(setting, name));
            if (known is null)
            {
                return Fail($"The setting '{Shorten(name)}' is unknown. The SQL Server extension settings are {string.Join(", ", SettingNames)}.");
            }

            var (next, error) = Apply(result, known, value, mergeFeatureFlags);
            if (error is not null)
            {
                return (null, error);
            }

            result = next!;
        }

        return (result, null);
    }

    private static (ExtensionSettings? Settings, ArmError? Error) Apply(ExtensionSettings settings, string name, JsonNode? value, bool mergeFeatureFlags)
    {
        switch (name)
        {
            case LicenseType:
                return value is null
                    ? (settings with { LicenseType = new ExtensionSettings().LicenseType }, null)
                    : ReadString(value) is { } text ? (settings with { LicenseType = text }, null) : WrongType(name, "a string such as \"Paid\"");
            case EnableExtendedSecurityUpdates:
                return value is null
                    ? (settings with { EnableExtendedSecurityUpdates = false }, null)
                    : ReadBool(value) is { } esu ? (settings with { EnableExtendedSecurityUpdates = esu }, null) : WrongType(name, "true or false");
            case EsuLastUpdatedTimestamp:
                return (settings, null);
            case SqlManagement:
                return ReadSqlManagement(settings, value);
            case UsePhysicalCoreLicense:
                return ApplyFlag(value, name, "IsApplied", "LastUpdatedTimestamp", settings.UsePhysicalCoreLicense,
                    applied => settings with { UsePhysicalCoreLicense = applied });
            case ConsentToRecurringPayg:
                return ApplyFlag(value, name, "Consented", "ConsentTimestamp", settings.ConsentToRecurringPayg,
                    consented => settings with { ConsentToRecurringPayg = consented });
            case ExcludedSqlInstances:
                return ReadExcludedInstances(settings, value);
            default:
                return ReadFeatureFlags(settings, value, mergeFeatureFlags);
        }
    }

    private static (ExtensionSettings? Settings, ArmError? Error) ApplyFlag(
        JsonNode? value, string setting, string valueName, string timestampName, bool current, Func<bool, ExtensionSettings> set)
    {
        var (flag, error) = ReadFlagObject(value, setting, valueName, [timestampName], current);
        return error is null ? (set(flag!.Value), null) : (null, error);
    }

    // SqlManagement.IsEnabled false would stop the extension from managing SQL Server, which ExtensionSettings cannot express.
    private static (ExtensionSettings? Settings, ArmError? Error) ReadSqlManagement(ExtensionSettings settings, JsonNode? value)
    {
        if (value is null)
        {
            return (settings, null);
        }

        var (enabled, error) = ReadFlagObject(value, SqlManagement, "IsEnabled", [], true);
        if (error is not null)
        {
            return (null, error);
        }

        return enabled == true
            ? (settings, null)
            : Fail($"{SqlManagement}.IsEnabled false is not supported. To stop the extension from managing SQL Server on this host, DELETE the extension resource, which uninstalls it.");
    }

    // Reads {"<valueName>": bool} plus ignored read-only names. A null object takes false; an object without the value keeps <current>.
    private static (bool? Value, ArmError? Error) ReadFlagObject(JsonNode? value, string setting, string valueName, string[] ignored, bool current)
    {
        if (value is null)
        {
            return (false, null);
        }

        if (value is not JsonObject obj)
        {
            return (null, Error($"The setting '{setting}' must be an object such as {{\"{valueName}\": true}}, not {value.GetValueKind()}."));
        }

        var unknown = obj.Select(pair => pair.Key).FirstOrDefault(key => !Is(key, valueName) && !ignored.Contains(key, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            return (null, Error($"The setting '{setting}' has the unknown property '{Shorten(unknown)}'; send only '{valueName}'."));
        }

        var flag = Find(obj, valueName);
        if (flag is null)
        {
            return (current, null);
        }

        return ReadBool(flag) is { } parsed
            ? (parsed, null)
            : (null, Error($"The property '{setting}.{valueName}' must be true or false, not {flag.GetValueKind()}."));
    }

    private static (ExtensionSettings? Settings, ArmError? Error) ReadExcludedInstances(ExtensionSettings settings, JsonNode? value)
    {
        if (value is null)
        {
            return (settings with { ExcludedInstances = [] }, null);
        }

        if (value is not JsonArray array || array.Any(item => item is null || item.GetValueKind() != JsonValueKind.String))
        {
            return WrongType(ExcludedSqlInstances, "an array of instance names such as [\"SQLEXPRESS\"]");
        }

        return (settings with { ExcludedInstances = array.Select(item => item!.GetValue<string>()).ToList() }, null);
    }

    private static (ExtensionSettings? Settings, ArmError? Error) ReadFeatureFlags(ExtensionSettings settings, JsonNode? value, bool merge)
    {
        if (value is null)
        {
            return (settings with { FeatureFlags = new Dictionary<string, bool>() }, null);
        }

        if (value is not JsonArray array)
        {
            return WrongType(FeatureFlags, "an array such as [{\"Name\": \"LeastPrivilege\", \"Enable\": true}]");
        }

        var flags = merge ? new Dictionary<string, bool>(settings.FeatureFlags) : new Dictionary<string, bool>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in array)
        {
            var (flagName, enable, error) = ReadFeatureFlag(item);
            if (error is not null)
            {
                return (null, error);
            }

            if (!seen.Add(flagName!))
            {
                return Fail($"{FeatureFlags} lists the flag '{Shorten(flagName!)}' more than once; list each flag once.");
            }

            flags[flagName!] = enable;
        }

        return (settings with { FeatureFlags = flags }, null);
    }

    private static (string? Name, bool Enable, ArmError? Error) ReadFeatureFlag(JsonNode? item)
    {
        const string example = "{\"Name\": \"LeastPrivilege\", \"Enable\": true}";
        if (item is not JsonObject flag
            || flag.Any(pair => !Is(pair.Key, "Name") && !Is(pair.Key, "Enable"))
            || Find(flag, "Name") is not { } nameNode || nameNode.GetValueKind() != JsonValueKind.String
            || Find(flag, "Enable") is not { } enableNode || ReadBool(enableNode) is not { } enable)
        {
            return (null, false, Error($"Each entry of {FeatureFlags} must be {example}, with a string Name and a true or false Enable."));
        }

        return (nameNode.GetValue<string>(), enable, null);
    }

    private static JsonNode? Find(JsonObject obj, string name) =>
        obj.FirstOrDefault(pair => Is(pair.Key, name)).Value;

    private static string? ReadString(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static bool? ReadBool(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static (ExtensionSettings? Settings, ArmError? Error) WrongType(string setting, string expected) =>
        Fail($"The setting '{setting}' must be {expected}.");

    private static (ExtensionSettings? Settings, ArmError? Error) Fail(string message) => (null, Error(message));

    private static ArmError Error(string message) => new(400, ErrorCode, message);

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string text) => text.Length <= 64 ? text : $"{text[..64]}…";
}
