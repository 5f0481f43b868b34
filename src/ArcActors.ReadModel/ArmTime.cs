using System.Globalization;

namespace ArcActors.ReadModel;

/// <summary>
/// The one timestamp format of every ARM document and output file: ISO 8601 in UTC with a "Z" suffix
/// and fractional seconds only when they are not zero, such as <c>2026-11-30T05:00:00Z</c> or
/// <c>2022-05-05T16:26:33.883Z</c>.
/// </summary>
public static class ArmTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Returns the stored form of a timestamp: UTC ticks, which order the same way as the times.</summary>
    public static long ToTicks(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);
}
