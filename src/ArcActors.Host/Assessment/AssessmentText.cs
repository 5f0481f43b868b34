using System.Globalization;

namespace ArcActors.Host.Assessment;

/// <summary>Formats times and ages the same way in every finding message.</summary>
internal static class AssessmentText
{
    public static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Returns "the last X was 2026-11-20 03:00 UTC, 10.0 days before this assessment", or "no X was ever recorded".</summary>
    public static string LastEvent(string what, DateTimeOffset? last, DateTimeOffset now, bool inHours)
    {
        if (last is not { } time)
        {
            return $"no {what} was ever recorded";
        }

        var age = now - time;
        var amount = inHours
            ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0.0} hours")
            : string.Create(CultureInfo.InvariantCulture, $"{age.TotalDays:0.0} days");
        return $"the last {what} was {Timestamp(time)}, {amount} before this assessment";
    }

    /// <summary>Returns whether <paramref name="last"/> is missing or older than <paramref name="maximumAge"/>; exactly the maximum age still passes.</summary>
    public static bool IsMissingOrOlderThan(DateTimeOffset? last, DateTimeOffset now, TimeSpan maximumAge) =>
        last is not { } time || now - time > maximumAge;

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
