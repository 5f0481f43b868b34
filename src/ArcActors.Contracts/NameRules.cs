namespace ArcActors.Contracts;

/// <summary>
/// Which host, instance and database names ArcActors accepts. The fleet file parser, the host
/// agent and the ingress all apply these rules, so a name is rejected where it is first seen and
/// never dropped later on the way to the cloud.
/// </summary>
public static class NameRules
{
    /// <summary>Longest host name: a fully qualified DNS name.</summary>
    public const int MaxHostNameLength = 253;

    /// <summary>Longest instance, database or availability group name: SQL Server's sysname.</summary>
    public const int MaxSqlNameLength = 128;

    /// <summary>
    /// Returns why <paramref name="hostName"/> is invalid, or null when it is valid. Letters (any
    /// script), digits, '-', '_' and '.' are allowed; NetBIOS names may contain '_'.
    /// </summary>
    public static string? HostNameError(string hostName)
    {
        if (hostName.Length is 0 or > MaxHostNameLength)
        {
            return $"host name '{Shorten(hostName)}' has {hostName.Length} characters; use 1 to {MaxHostNameLength}.";
        }

        var bad = hostName.FirstOrDefault(c => !char.IsLetterOrDigit(c) && c is not ('-' or '_' or '.'));
        if (bad != default)
        {
            return $"host name '{Shorten(hostName)}' contains '{Printable(bad)}'; use letters, digits, '-', '_' and '.' only.";
        }

        return hostName[0] is '.' or '-' || hostName[^1] is '.' or '-' || hostName.Contains("..", StringComparison.Ordinal)
            ? $"host name '{Shorten(hostName)}' starts or ends with '.' or '-', or contains '..'; use a name as the OS reports it."
            : null;
    }

    /// <summary>Returns why an instance, database or availability group name is invalid, or null when it is valid.</summary>
    /// <param name="kind">"instance", "database" or "availability group", for the message.</param>
    public static string? SqlNameError(string kind, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxSqlNameLength)
        {
            return $"{kind} name '{Shorten(name)}' has {name.Length} characters; SQL Server names have 1 to {MaxSqlNameLength} and are not blank.";
        }

        var control = name.FirstOrDefault(char.IsControl);
        if (control != default)
        {
            return $"{kind} name '{Shorten(name)}' contains the control character {Printable(control)}; remove it.";
        }

        return kind == "instance" && name.Contains('#')
            ? $"instance name '{name}' contains '#', which Azure Arc does not support; rename the instance or exclude it."
            : null;
    }

    /// <summary>Returns why an ARM resource group name is invalid, or null when it is valid.</summary>
    public static string? ResourceGroupError(string resourceGroup)
    {
        var valid = resourceGroup.Length is > 0 and <= 90
            && resourceGroup.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '(' or ')')
            && !resourceGroup.EndsWith('.');
        return valid
            ? null
            : $"resource group '{Shorten(resourceGroup)}' is invalid; use 1 to 90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.'.";
    }

    /// <summary>Returns why an ARM location name is invalid, or null when it is valid.</summary>
    public static string? LocationError(string location) =>
        location.Length is > 0 and <= 64 && location.All(char.IsAsciiLetterOrDigit)
            ? null
            : $"location '{Shorten(location)}' is invalid; use an ARM location name of ASCII letters and digits, such as westeurope.";

    // Control characters are shown as escapes, so a name cannot send terminal control sequences.
    private static string Shorten(string text)
    {
        var shown = text.Length <= 40 ? text : $"{text[..40]}…";
        return shown.Any(char.IsControl)
            ? string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()))
            : shown;
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : c.ToString();
}
