using System.Globalization;
using System.Text.RegularExpressions;

namespace ArcActors.Simulation.Fleets.Parsing;

/// <summary>Parses the times of a fleet file: ISO 8601 timestamps with an offset, and durations such as 90m or 1d6h.</summary>
internal static partial class FleetTime
{
    // A century; longer durations are typing errors, and larger values would overflow TimeSpan.
    private const long MaximumDurationSeconds = 36500L * 86400;

    // [0-9] and not \d, because \d also matches other scripts' digits, such as Arabic-Indic '٥', which the number parsers reject.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"^(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    /// <summary>Parses a timestamp that states its offset and returns it in UTC.</summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        value = default;
        if (!TimestampPattern().IsMatch(text))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        value = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>Parses a duration made of days, hours, minutes and seconds in that order, such as 1d6h or 10h20m.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        var match = DurationPattern().Match(text);
        if (text.Length == 0 || !match.Success)
        {
            return false;
        }

        try
        {
            var seconds = checked(
                Part(match, 1) * 86400 + Part(match, 2) * 3600 + Part(match, 3) * 60 + Part(match, 4));
            if (seconds > MaximumDurationSeconds)
            {
                return false;
            }

            value = TimeSpan.FromSeconds(seconds);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>The longest duration accepted, as a fleet file writes it.</summary>
    public static string MaximumDuration => $"{MaximumDurationSeconds / 86400}d";

    /// <summary>Returns true when <paramref name="text"/> is written as a duration but is longer than <see cref="MaximumDuration"/>.</summary>
    public static bool IsDurationOverMaximum(string text) =>
        text.Length > 0 && DurationPattern().IsMatch(text) && !TryParseDuration(text, out _);

    /// <summary>Formats a duration the way <see cref="TryParseDuration"/> reads it.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var text = "";
        if (duration.Days > 0)
        {
            text += $"{duration.Days}d";
        }

        if (duration.Hours > 0)
        {
            text += $"{duration.Hours}h";
        }

        if (duration.Minutes > 0)
        {
            text += $"{duration.Minutes}m";
        }

        if (duration.Seconds > 0 || text.Length == 0)
        {
            text += $"{duration.Seconds}s";
        }

        return text;
    }

    public static string FormatTimestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static long Part(Match match, int group) =>
        match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
}
