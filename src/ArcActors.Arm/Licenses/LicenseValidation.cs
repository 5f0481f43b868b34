using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArcActors.Contracts.Licenses;

namespace ArcActors.Arm.Licenses;

/// <summary>
/// Validates the body of a PUT or PATCH of a <c>sqlServerLicenses</c> resource (api-version 2026-01-01)
/// against its schema. Names of body members match case-insensitively, as in ARM; enum values also match
/// case-insensitively and come back in the spelling the schema gives.
/// </summary>
public static class LicenseValidation
{
    public const string InvalidRequestContent = "InvalidRequestContent";
    public const string InvalidParameter = "InvalidParameter";
    public const string LocationRequired = "LocationRequired";

    public const int MinimumPhysicalCores = 16;

    /// <summary>
    /// Largest license accepted. ARM documents no maximum; this bound (an estimate well above the largest
    /// single hosts sold today) catches typing errors before they bill millions of core-hours.
    /// </summary>
    public const int MaximumPhysicalCores = 4096;

    // ARM's limits on resource tags.
    public const int MaxTags = 50;
    public const int MaxTagNameLength = 512;
    public const int MaxTagValueLength = 256;

    public static readonly IReadOnlyList<string> BillingPlans = ["PAYG", "Paid"];
    public static readonly IReadOnlyList<string> LicenseCategories = ["Core"];
    public static readonly IReadOnlyList<string> ScopeTypes = ["Tenant", "Subscription", "ResourceGroup"];
    public static readonly IReadOnlyList<string> ActivationStates = [LicenseProperties.Activated, LicenseProperties.Deactivated];

    private static readonly string[] WritableProperties = ["billingPlan", "physicalCores", "licenseCategory", "scopeType", "activationState"];
    private static readonly string[] ReadOnlyProperties = ["lastActivatedAt", "lastDeactivatedAt", "tenantId"];

    // Read-only members of every ARM resource; clients may send them back, and ARM ignores them.
    private static readonly string[] IgnoredTopLevel = ["id", "name", "type", "systemData"];

    /// <summary>Validates a PUT body: location and all five writable properties are required.</summary>
    public static LicenseValidationResult ValidatePut(JsonObject body) => Validate(body, replace: true);

    /// <summary>Validates a PATCH body: tags and any subset of the writable properties.</summary>
    public static LicenseValidationResult ValidatePatch(JsonObject body) => Validate(body, replace: false);

    private static LicenseValidationResult Validate(JsonObject body, bool replace)
    {
        ArgumentNullException.ThrowIfNull(body);

        var topLevel = replace ? new[] { "location", "tags", "properties" } : ["tags", "properties"];
        if (CheckMembers(body, "", topLevel, IgnoredTopLevel, []) is { } memberError)
        {
            return memberError;
        }

        var location = ReadLocation(body, replace, out var locationError);
        if (locationError is not null)
        {
            return locationError;
        }

        var tags = ReadTags(Member(body, "tags"), out var tagsError);
        if (tagsError is not null)
        {
            return tagsError;
        }

        var propertiesNode = Member(body, "properties");
        if (propertiesNode is null)
        {
            return replace
                ? Invalid(InvalidRequestContent, "The request body has no 'properties'; a PUT of a license needs "
                    + $"properties with {string.Join(", ", WritableProperties)}.")
                : new LicenseValidationResult(new LicenseRequest(null, tags, new LicensePatch()));
        }

        if (propertiesNode is not JsonObject properties)
        {
            return Invalid(InvalidRequestContent, $"The member 'properties' is {Describe(propertiesNode)}; send a JSON object.");
        }

        var patch = ReadProperties(properties, replace, out var propertiesError);
        return propertiesError ?? new LicenseValidationResult(new LicenseRequest(location, tags, patch!));
    }

    private static string? ReadLocation(JsonObject body, bool replace, out LicenseValidationResult? error)
    {
        error = null;
        var node = Member(body, "location");
        if (node is null)
        {
            if (replace)
            {
                error = Invalid(LocationRequired, "The request body has no 'location'; a license needs one, for example \"westeurope\".");
            }

            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(node.GetValue<string>()))
        {
            error = Invalid(InvalidRequestContent, $"The member 'location' is {Describe(node)}; send a non-empty string such as \"westeurope\".");
            return null;
        }

        return node.GetValue<string>();
    }

    private static Dictionary<string, string>? ReadTags(JsonNode? node, out LicenseValidationResult? error)
    {
        error = null;
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject tags)
        {
            error = Invalid(InvalidRequestContent, $"The member 'tags' is {Describe(node)}; send an object of string values.");
            return null;
        }

        if (tags.Count > MaxTags)
        {
            error = Invalid(InvalidParameter, $"The request has {tags.Count} tags; a resource can have at most {MaxTags}.");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in tags)
        {
            if (value is null || value.GetValueKind() != JsonValueKind.String)
            {
                error = Invalid(InvalidRequestContent, $"The tag '{name}' is {Describe(value)}; tag values must be strings.");
                return null;
            }

            var text = value.GetValue<string>();
            if (name.Length is 0 or > MaxTagNameLength || text.Length > MaxTagValueLength)
            {
                error = Invalid(InvalidParameter, $"The tag '{Shorten(name)}' is invalid: tag names need 1 to {MaxTagNameLength} characters "
                    + $"and values at most {MaxTagValueLength}.");
                return null;
            }

            result[name] = text;
        }

        return result;
    }

    private static LicensePatch? ReadProperties(JsonObject properties, bool replace, out LicenseValidationResult? error)
    {
        error = CheckMembers(properties, "properties.", WritableProperties, [], ReadOnlyProperties);
        if (error is not null)
        {
            return null;
        }

        if (replace && WritableProperties.FirstOrDefault(name => Member(properties, name) is null) is { } missing)
        {
            error = Invalid(InvalidRequestContent, $"The request body has no 'properties.{missing}'; a PUT of a license needs "
                + $"{string.Join(", ", WritableProperties)}.");
            return null;
        }

        var patch = new LicensePatch();
        var results = new[]
        {
            ReadEnum(properties, "billingPlan", BillingPlans, value => patch = patch with { BillingPlan = value }),
            ReadCores(properties, value => patch = patch with { PhysicalCores = value }),
            ReadEnum(properties, "licenseCategory", LicenseCategories, value => patch = patch with { LicenseCategory = value }),
            ReadEnum(properties, "scopeType", ScopeTypes, value => patch = patch with { ScopeType = value }),
            ReadEnum(properties, "activationState", ActivationStates, value => patch = patch with { ActivationState = value }),
        };

        error = results.FirstOrDefault(result => result is not null);
        return error is null ? patch : null;
    }

    private static LicenseValidationResult? ReadEnum(JsonObject properties, string name, IReadOnlyList<string> allowed, Action<string> set)
    {
        if (!HasMember(properties, name))
        {
            return null;
        }

        var node = Member(properties, name);
        if (node is null || node.GetValueKind() != JsonValueKind.String)
        {
            return Invalid(InvalidRequestContent, $"The property 'properties.{name}' is {Describe(node)}; send one of the strings {Quote(allowed)}.");
        }

        var text = node.GetValue<string>();
        var canonical = allowed.FirstOrDefault(value => string.Equals(value, text, StringComparison.OrdinalIgnoreCase));
        if (canonical is null)
        {
            return Invalid(InvalidParameter, $"The value '{Shorten(text)}' of 'properties.{name}' is invalid; use one of {Quote(allowed)}.");
        }

        set(canonical);
        return null;
    }

    private static LicenseValidationResult? ReadCores(JsonObject properties, Action<int> set)
    {
        const string name = "physicalCores";
        if (!HasMember(properties, name))
        {
            return null;
        }

        var node = Member(properties, name);
        if (node is null || node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<int>(out var cores))
        {
            return Invalid(InvalidRequestContent, $"The property 'properties.{name}' is {Describe(node)}; send a whole number "
                + $"that is at least {MinimumPhysicalCores} and a multiple of 2.");
        }

        if (cores < MinimumPhysicalCores || cores % 2 != 0 || cores > MaximumPhysicalCores)
        {
            return Invalid(InvalidParameter, $"The value {cores.ToString(CultureInfo.InvariantCulture)} of 'properties.{name}' is invalid; "
                + $"physical cores must be at least {MinimumPhysicalCores}, at most {MaximumPhysicalCores}, and a multiple of 2.");
        }

        set(cores);
        return null;
    }

    // Rejects members that are unknown, read-only or given twice in different case; ignored members pass.
    private static LicenseValidationResult? CheckMembers(
        JsonObject json, string prefix, IReadOnlyList<string> known, IReadOnlyList<string> ignored, IReadOnlyList<string> readOnly)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in json)
        {
            if (!seen.Add(name))
            {
                return Invalid(InvalidRequestContent, $"The member '{prefix}{Shorten(name)}' appears twice (names are case-insensitive); send it once.");
            }

            if (readOnly.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return Invalid(InvalidRequestContent, $"The property '{prefix}{name}' is read-only, so it cannot be set to {Describe(value)}; "
                    + "remove it from the request.");
            }

            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase) && !ignored.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return Invalid(InvalidRequestContent, $"The member '{prefix}{Shorten(name)}' (value {Describe(value)}) is not part of a license; "
                    + $"known members are {Quote(known)}.");
            }
        }

        return null;
    }

    private static bool HasMember(JsonObject json, string name) =>
        json.Any(member => string.Equals(member.Key, name, StringComparison.OrdinalIgnoreCase));

    private static JsonNode? Member(JsonObject json, string name) =>
        json.FirstOrDefault(member => string.Equals(member.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static LicenseValidationResult Invalid(string code, string message) => LicenseValidationResult.Invalid(code, message);

    // Names the JSON value in an error message, cut to 64 characters so a huge body cannot flood the reply.
    private static string Describe(JsonNode? node) => node is null ? "null" : Shorten(node.ToJsonString());

    private static string Quote(IReadOnlyList<string> values) => string.Join(", ", values.Select(value => $"'{value}'"));

    private static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 61), "...");
}
