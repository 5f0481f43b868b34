using System.Text.Json;
using System.Text.Json.Nodes;
using ArcActors.Contracts.Jobs;

namespace ArcActors.Arm.Jobs;

/// <summary>Reads and checks the bodies of the relay job actions. Every error names the field and the fix.</summary>
internal static class JobRequestReader
{
    /// <summary>Longest database name SQL Server accepts (a sysname), in characters.</summary>
    public const int MaxDatabaseNameLength = 128;

    /// <summary>Backup types of <c>runBackup</c>, spelled as the host's backup job reads them.</summary>
    public static readonly IReadOnlyList<string> BackupTypes = ["Full", "Differential", "Log"];

    /// <summary>
    /// Reads <c>{"database": "...", "type": "Full|Differential|Log"}</c> into the parameters of a Backup job.
    /// The type is matched case-insensitively and defaults to Full when left out.
    /// </summary>
    public static (IReadOnlyDictionary<string, string>? Parameters, ArmError? Error) ReadBackup(JsonObject body)
    {
        if (UnknownProperty(body, "database", "type") is { } unknown)
        {
            return (null, unknown);
        }

        var (database, databaseError) = ReadString(body, "database");
        if (databaseError is not null)
        {
            return (null, databaseError);
        }

        if (string.IsNullOrWhiteSpace(database))
        {
            return (null, InvalidParameter("The property 'database' is missing or empty. Send the name of the database to back up, such as {\"database\": \"sales\", \"type\": \"Full\"}."));
        }

        if (database.Length > MaxDatabaseNameLength)
        {
            return (null, InvalidParameter($"The property 'database' is {database.Length} characters long, more than the {MaxDatabaseNameLength} a SQL Server database name may have. Send the database's name."));
        }

        var (type, typeError) = ReadString(body, "type");
        if (typeError is not null)
        {
            return (null, typeError);
        }

        var backupType = type is null ? "Full" : BackupTypes.FirstOrDefault(known => string.Equals(known, type, StringComparison.OrdinalIgnoreCase));
        if (backupType is null)
        {
            return (null, InvalidParameter($"The property 'type' is '{Shorten(type!)}', which is not a backup type. Use one of {string.Join(", ", BackupTypes)}."));
        }

        return (new Dictionary<string, string> { ["database"] = database, ["type"] = backupType }, null);
    }

    /// <summary>
    /// Reads the optional <c>{"featureName": "...", "jobType": "..."}</c> of getJobsStatus into one job kind,
    /// or null for every kind. Both properties name a job kind, and when both are given they must agree.
    /// </summary>
    public static (string? Kind, ArmError? Error) ReadStatusFilter(JsonObject body)
    {
        if (UnknownProperty(body, "featureName", "jobType") is { } unknown)
        {
            return (null, unknown);
        }

        var (featureKind, featureError) = ReadKind(body, "featureName");
        if (featureError is not null)
        {
            return (null, featureError);
        }

        var (jobKind, jobError) = ReadKind(body, "jobType");
        if (jobError is not null)
        {
            return (null, jobError);
        }

        if (featureKind is not null && jobKind is not null && featureKind != jobKind)
        {
            return (null, InvalidParameter($"The properties 'featureName' ({featureKind}) and 'jobType' ({jobKind}) name different job kinds. Send one of them, or the same kind in both."));
        }

        return (jobKind ?? featureKind, null);
    }

    /// <summary>Reads <c>{"jobId": "GUID"}</c> of cancelJob.</summary>
    public static (Guid JobId, ArmError? Error) ReadJobId(JsonObject body)
    {
        if (UnknownProperty(body, "jobId") is { } unknown)
        {
            return (Guid.Empty, unknown);
        }

        var (text, error) = ReadString(body, "jobId");
        if (error is not null)
        {
            return (Guid.Empty, error);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (Guid.Empty, InvalidParameter("The property 'jobId' is missing or empty. Send the id that runBestPracticesAssessment, runBackup or getJobsStatus returned."));
        }

        return Guid.TryParse(text, out var jobId) && jobId != Guid.Empty
            ? (jobId, null)
            : (Guid.Empty, InvalidParameter($"The property 'jobId' is '{Shorten(text)}', which is not a job id. Send a GUID such as 0f5c8d0e-6a7b-4f7e-9a51-2d3c4b5a6978, as getJobsStatus lists them."));
    }

    private static (string? Kind, ArmError? Error) ReadKind(JsonObject body, string property)
    {
        var (text, error) = ReadString(body, property);
        if (error is not null || string.IsNullOrEmpty(text))
        {
            return (null, error);
        }

        var kind = JobKinds.Find(text);
        return kind is null
            ? (null, InvalidParameter($"The property '{property}' is '{Shorten(text)}', which is not a job kind. Use one of {string.Join(", ", JobKinds.All)}, or leave it out for every kind."))
            : (kind, null);
    }

    // Returns the string value of a property, null when the property is absent or null, or an error when it has another JSON type.
    private static (string? Value, ArmError? Error) ReadString(JsonObject body, string property)
    {
        var node = body.FirstOrDefault(pair => string.Equals(pair.Key, property, StringComparison.OrdinalIgnoreCase)).Value;
        if (node is null)
        {
            return (null, null);
        }

        return node.GetValueKind() == JsonValueKind.String
            ? (node.GetValue<string>(), null)
            : (null, InvalidParameter($"The property '{property}' must be a JSON string, not {node.GetValueKind()}."));
    }

    /// <summary>
    /// Returns an error for the first property that is not one of <paramref name="known"/> (compared case-insensitively),
    /// because a misspelled optional property would otherwise quietly take its default, such as a Full backup for "tpye": "Log".
    /// </summary>
    public static ArmError? UnknownProperty(JsonObject body, params string[] known)
    {
        var unknown = body.Select(pair => pair.Key).FirstOrDefault(name => !known.Contains(name, StringComparer.OrdinalIgnoreCase));
        return unknown is null
            ? null
            : InvalidParameter($"The property '{Shorten(unknown)}' is not known here. Send only {string.Join(", ", known.Select(name => $"'{name}'"))}.");
    }

    private static ArmError InvalidParameter(string message) => new(400, "InvalidParameter", message);

    private static string Shorten(string text) => text.Length <= 64 ? text : $"{text[..64]}…";
}
