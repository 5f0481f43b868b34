using System.Text.Json;
using System.Text.Json.Nodes;
using ArcActors.Contracts.Jobs;
using ArcActors.ReadModel;

namespace ArcActors.Arm.Jobs;

/// <summary>
/// Renders relay jobs as the job actions return them. The getJobsStatus entry is shaped after the
/// <c>jobsStatus</c> items of the sqlServerInstances getJobsStatus action in Azure (id, instanceName,
/// jobType, jobStatus, jobException, backgroundJob), not copied from it: <c>result</c>, <c>queuedAt</c>
/// and <c>caller</c> are ours, and backgroundJob carries our job states.
/// </summary>
internal static class JobJson
{
    /// <summary>Returns one getJobsStatus entry for a job the read store holds.</summary>
    public static JsonObject StatusEntry(JobRow job)
    {
        ArgumentNullException.ThrowIfNull(job);

        var ended = job.State.IsFinal();
        return new JsonObject
        {
            ["id"] = job.JobId.ToString("D"),
            ["instanceName"] = job.InstanceName,
            ["jobType"] = job.Kind,
            ["jobStatus"] = job.State.ToString(),
            ["jobException"] = job.State is JobState.Failed or JobState.TimedOut ? job.Message : null,
            ["backgroundJob"] = new JsonObject
            {
                ["state"] = job.State.ToString(),
                ["startTime"] = Time(job.StartedAt),
                ["endTime"] = Time(job.EndedAt),
                ["lastExecutionStatus"] = ended ? job.State.ToString() : null,
                ["lastExecutionTime"] = Time(job.EndedAt ?? job.StartedAt),
            },
            ["parameters"] = Parameters(job.Parameters),
            ["result"] = ParseResult(job.Result),
            ["queuedAt"] = ArmTime.Format(job.QueuedAt),
            ["caller"] = job.Caller,
        };
    }

    /// <summary>Returns the body of a 202 or 200 reply to a job command: the job as the relay queue now stores it.</summary>
    public static JsonObject Accepted(JobStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);

        var command = status.Command;
        return new JsonObject
        {
            ["jobId"] = command.JobId.ToString("D"),
            ["status"] = status.State.ToString(),
            ["jobType"] = command.Kind,
            ["instanceName"] = command.InstanceName,
            ["parameters"] = Parameters(command.Parameters),
            ["queuedAt"] = ArmTime.Format(command.QueuedAt),
            ["timeout"] = System.Xml.XmlConvert.ToString(command.Timeout),
            ["caller"] = command.Caller,
        };
    }

    /// <summary>
    /// Returns a job's result as JSON, null when it has none. A result that is not valid JSON is returned
    /// as a JSON string, so a bad report from a host cannot break the whole list.
    /// </summary>
    public static JsonNode? ParseResult(string result)
    {
        if (string.IsNullOrEmpty(result))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(result);
        }
        catch (JsonException)
        {
            return JsonValue.Create(result);
        }
    }

    private static string? Time(DateTimeOffset? value) => value is { } time ? ArmTime.Format(time) : null;

    private static JsonObject Parameters(IReadOnlyDictionary<string, string> parameters) =>
        new(parameters.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
}
