using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ArcActors.Arm.Auth;

/// <summary>
/// An ARM role assignment scope: a subscription (<c>/subscriptions/{id}</c>) or a resource group in it
/// (<c>/subscriptions/{id}/resourceGroups/{name}</c>).
/// </summary>
public sealed partial record ArmScope(Guid SubscriptionId, string? ResourceGroup)
{
    /// <summary>Maximum length of a resource group name, as ARM limits it.</summary>
    public const int MaxResourceGroupLength = 90;

    private const string Usage = "Use /subscriptions/{subscription id} or /subscriptions/{subscription id}/resourceGroups/{resource group name}";

    /// <summary>The scope as an ARM path, with the subscription id in lower case.</summary>
    public string Path => ResourceGroup is null
        ? $"/subscriptions/{SubscriptionId:D}"
        : $"/subscriptions/{SubscriptionId:D}/resourceGroups/{ResourceGroup}";

    public override string ToString() => Path;

    /// <summary>Parses a scope, accepting the keywords in any case and one trailing slash.</summary>
    /// <exception cref="ArgumentException">The scope is invalid. The message names the part and the expected form.</exception>
    public static ArmScope Parse(string text) =>
        TryParse(text, out var scope, out var error) ? scope : throw new ArgumentException(error, nameof(text));

    /// <summary>Parses a scope, returning false with a message naming the invalid part.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ArmScope? scope, [NotNullWhen(false)] out string? error)
    {
        scope = null;
        var segments = (text ?? "").TrimEnd('/').Split('/');
        if (segments.Length is not (3 or 5) || segments[0].Length != 0 || !Is(segments[1], "subscriptions")
            || (segments.Length == 5 && !Is(segments[3], "resourceGroups")))
        {
            error = $"The scope '{text}' is invalid. {Usage}.";
            return false;
        }

        if (!Guid.TryParseExact(segments[2], "D", out var subscriptionId))
        {
            error = $"The scope '{text}' is invalid because the subscription id '{segments[2]}' is not a GUID. {Usage}.";
            return false;
        }

        var resourceGroup = segments.Length == 5 ? segments[4] : null;
        if (resourceGroup is not null && !IsValidResourceGroupName(resourceGroup))
        {
            error = $"The scope '{text}' is invalid because its resource group name '{resourceGroup}' is not 1 to {MaxResourceGroupLength} "
                + "letters, digits, underscores, hyphens, periods or parentheses, or ends with a period.";
            return false;
        }

        scope = new ArmScope(subscriptionId, resourceGroup);
        error = null;
        return true;
    }

    /// <summary>
    /// True when <paramref name="target"/>, a resource id or collection path, is this scope or lies below it.
    /// ARM ids compare case-insensitively. A path with empty, <c>.</c> or <c>..</c> segments is never inside,
    /// so give the path as the request parser resolved it.
    /// </summary>
    public bool Contains(string target)
    {
        ArgumentNullException.ThrowIfNull(target);

        var trimmed = target.TrimEnd('/');
        if (trimmed.Split('/').Skip(1).Any(segment => segment is "" or "." or ".."))
        {
            return false;
        }

        return string.Equals(trimmed, Path, StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith(Path + "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True for a valid resource group name: ARM allows Unicode letters and digits, '_', '-', '.', '(' and ')', with no trailing period.</summary>
    public static bool IsValidResourceGroupName(string name) =>
        name.Length is >= 1 and <= MaxResourceGroupLength && ResourceGroupName().IsMatch(name) && !name.EndsWith('.');

    private static bool Is(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[\p{L}\p{Nd}_\-\.\(\)]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceGroupName();
}
