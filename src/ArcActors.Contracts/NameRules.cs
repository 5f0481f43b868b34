using System.Globalization;
using System.Text;

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

    /// <summary>Longest instance name SQL Server Setup accepts.</summary>
    public const int MaxInstanceNameLength = 16;

    /// <summary>Name of the default instance; its resource is named after the host alone.</summary>
    public const string DefaultInstanceName = "MSSQLSERVER";

    /// <summary>
    /// Returns the ARM resource name of an instance: <c>host_instance</c> for a named instance and
    /// <c>host</c> for the default instance MSSQLSERVER (any case). It is the rule ResourceIds.InstanceName
    /// applies, kept here so that the fleet parser can find two instances with one resource name.
    /// </summary>
    public static string InstanceResourceName(string hostName, string instanceName) =>
        string.Equals(instanceName, DefaultInstanceName, StringComparison.OrdinalIgnoreCase)
            ? hostName
            : $"{hostName}_{instanceName}";

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

        var bad = FirstRune(hostName, rune => !Rune.IsLetterOrDigit(rune) && rune.Value is not ('-' or '_' or '.'));
        if (bad is { } badRune)
        {
            return $"host name '{Shorten(hostName)}' contains '{Printable(badRune)}'; use letters, digits, '-', '_' and '.' only.";
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

        if (kind != "instance")
        {
            return null;
        }

        return name.Contains('#')
            ? $"instance name '{Shorten(name)}' contains '#', which Azure Arc does not support; rename the instance or exclude it."
            : InstanceNameError(name);
    }

    /// <summary>
    /// Applies SQL Server Setup's rules for instance names (page "Installation Wizard help", section
    /// Instance Configuration, in MicrosoftDocs/sql-docs docs/sql-server/install/instance-configuration.md):
    /// at most 16 characters, a letter first, then letters, decimal digits, '$' or '_', and no '_' at
    /// the end. They exclude '/', which would split the instance's ARM resource id.
    /// </summary>
    /// <remarks>NOTE: Setup also rejects reserved keywords and characters outside the Windows code page; those are not checked.</remarks>
    private static string? InstanceNameError(string name)
    {
        if (name.Length > MaxInstanceNameLength)
        {
            return $"instance name '{Shorten(name)}' has {name.Length} characters; SQL Server instance names have at most {MaxInstanceNameLength}.";
        }

        Rune.DecodeFromUtf16(name, out var first, out _);
        if (!Rune.IsLetter(first))
        {
            return $"instance name '{Shorten(name)}' starts with '{Printable(first)}'; start it with a letter, as SQL Server requires.";
        }

        var bad = FirstRune(name, rune => !Rune.IsLetterOrDigit(rune) && rune.Value is not ('$' or '_'));
        if (bad is { } badRune)
        {
            return $"instance name '{Shorten(name)}' contains '{Printable(badRune)}'; use letters, digits, '$' and '_' only, as SQL Server requires.";
        }

        return name.EndsWith('_')
            ? $"instance name '{Shorten(name)}' ends with '_'; SQL Server instance names do not end with '_'."
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

    /// <summary>
    /// Returns <paramref name="text"/> cut to its first 40 text elements, so an emoji or a letter with
    /// combining marks is never split, with control characters and unpaired surrogates shown as
    /// <c>\uXXXX</c> escapes, so a name cannot send terminal control sequences.
    /// </summary>
    public static string Shorten(string text)
    {
        var info = new StringInfo(text);
        var shown = info.LengthInTextElements <= 40 ? text : $"{info.SubstringByTextElements(0, 40)}…";
        return Escape(shown);
    }

    /// <summary>Returns <paramref name="text"/> with control characters and unpaired surrogates as <c>\uXXXX</c> escapes.</summary>
    public static string Escape(string text)
    {
        if (!text.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var paired = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (paired)
            {
                escaped.Append(text, i, 2);
                i++;
            }
            else if (char.IsControl(text[i]) || char.IsSurrogate(text[i]))
            {
                escaped.Append($"\\u{(int)text[i]:X4}");
            }
            else
            {
                escaped.Append(text[i]);
            }
        }

        return escaped.ToString();
    }

    // Unpaired surrogates come out as U+FFFD, which no rule allows.
    private static Rune? FirstRune(string text, Func<Rune, bool> match)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (match(rune))
            {
                return rune;
            }
        }

        return null;
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : c.ToString();

    private static string Printable(Rune rune) =>
        Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) || rune == Rune.ReplacementChar ? $"U+{rune.Value:X4}" : rune.ToString();
}
