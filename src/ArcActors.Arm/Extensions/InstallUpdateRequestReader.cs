using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArcActors.Host.Deployment;
using ArcActors.Host.Jobs;

namespace ArcActors.Arm.Extensions;

/// <summary>
/// Reads the body of <c>POST {machine id}/installUpdate</c>:
/// <c>{"updateId": "KB5040948", "classification": "Critical", "maintenanceWindow": {"dayOfWeek": "Sunday", "startTimeUtc": "02:00", "durationHours": 4}}</c>
/// into the parameters of an InstallUpdate job. Property names are matched case-insensitively; every property is required.
/// </summary>
internal static class InstallUpdateRequestReader
{
    /// <summary>Longest update id accepted; KB numbers and package ids are far shorter.</summary>
    public const int MaxUpdateIdLength = 64;

    private const string Example =
        "{\"updateId\": \"KB5040948\", \"classification\": \"Critical\", \"maintenanceWindow\": {\"dayOfWeek\": \"Sunday\", \"startTimeUtc\": \"02:00\", \"durationHours\": 4}}";

    public static (IReadOnlyDictionary<string, string>? Parameters, ArmError? Error) Read(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);

        if (Unknown(body, "updateId", "classification", "maintenanceWindow") is { } unknown)
        {
            return Fail($"The property '{Shorten(unknown)}' is not known here. Send {Example}.");
        }

        var updateId = String(body, "updateId");
        if (string.IsNullOrWhiteSpace(updateId))
        {
            return Fail($"The property 'updateId' is missing or not a string. Send the update's KB or package id, as in {Example}.");
        }

        if (updateId.Length > MaxUpdateIdLength || !updateId.Trim().All(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '-' or '_'))
        {
            return Fail($"The property 'updateId' is '{Shorten(updateId)}'; an update id has at most {MaxUpdateIdLength} letters, digits, dots, dashes and underscores, such as KB5040948.");
        }

        var classification = String(body, "classification") ?? "";
        if (!InstallUpdateJobHandler.TryParseName<UpdateClassification>(classification, out var parsedClassification))
        {
            return Fail($"The property 'classification' is '{Shorten(classification)}', which is not an update classification. "
                + $"Use one of {string.Join(", ", Enum.GetNames<UpdateClassification>())}; automatic updates install only Critical and Important ones.");
        }

        if (parsedClassification is not (UpdateClassification.Critical or UpdateClassification.Important))
        {
            return Fail($"The update is rated {parsedClassification}; automatic updates install only Critical and Important updates, so this job would fail on the host. Install it by hand instead.");
        }

        if (Find(body, "maintenanceWindow") is not JsonObject window)
        {
            return Fail($"The property 'maintenanceWindow' is missing or not an object. Send the weekly window in UTC, as in {Example}.");
        }

        var (windowParameters, windowError) = ReadWindow(window);
        if (windowError is not null)
        {
            return (null, windowError);
        }

        var parameters = new Dictionary<string, string>(windowParameters!)
        {
            [InstallUpdateJobHandler.UpdateIdParameter] = updateId.Trim(),
            [InstallUpdateJobHandler.ClassificationParameter] = parsedClassification.ToString(),
        };
        return (parameters, null);
    }

    private static (Dictionary<string, string>? Parameters, ArmError? Error) ReadWindow(JsonObject window)
    {
        if (Unknown(window, "dayOfWeek", "startTimeUtc", "durationHours") is { } unknown)
        {
            return (null, Error($"The property 'maintenanceWindow.{Shorten(unknown)}' is not known here. Send dayOfWeek, startTimeUtc and durationHours."));
        }

        var day = String(window, "dayOfWeek") ?? "";
        if (!InstallUpdateJobHandler.TryParseName<DayOfWeek>(day, out var parsedDay))
        {
            return (null, Error($"The property 'maintenanceWindow.dayOfWeek' is '{Shorten(day)}'; use a day name from Sunday to Saturday."));
        }

        var start = String(window, "startTimeUtc") ?? "";
        if (!TimeOnly.TryParseExact(start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedStart))
        {
            return (null, Error($"The property 'maintenanceWindow.startTimeUtc' is '{Shorten(start)}'; give a UTC time as HH:mm, such as 02:00."));
        }

        var hours = Find(window, "durationHours");
        if (hours is null || hours.GetValueKind() != JsonValueKind.Number || !hours.AsValue().TryGetValue<int>(out var parsedHours)
            || parsedHours is < 1 or > InstallUpdateJobHandler.MaxWindowHours)
        {
            return (null, Error($"The property 'maintenanceWindow.durationHours' must be a whole number of hours from 1 to {InstallUpdateJobHandler.MaxWindowHours}."));
        }

        return (new Dictionary<string, string>
        {
            [InstallUpdateJobHandler.WindowDayParameter] = parsedDay.ToString(),
            [InstallUpdateJobHandler.WindowStartParameter] = parsedStart.ToString("HH:mm", CultureInfo.InvariantCulture),
            [InstallUpdateJobHandler.WindowHoursParameter] = parsedHours.ToString(CultureInfo.InvariantCulture),
        }, null);
    }

    private static string? Unknown(JsonObject obj, params string[] known) =>
        obj.Select(pair => pair.Key).FirstOrDefault(key => !known.Contains(key, StringComparer.OrdinalIgnoreCase));

    private static JsonNode? Find(JsonObject obj, string name) =>
        obj.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? String(JsonObject obj, string name) =>
        Find(obj, name) is { } node && node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    private static (IReadOnlyDictionary<string, string>? Parameters, ArmError? Error) Fail(string message) => (null, Error(message));

    private static ArmError Error(string message) => new(400, "InvalidParameter", message);

    private static string Shorten(string text) => text.Length <= 64 ? text : $"{text[..64]}…";
}
