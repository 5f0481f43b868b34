using System.Text.Json.Nodes;
using ArcActors.Contracts.Jobs;
using System.Data.Common;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    private const string JobOperation = "Microsoft.AzureArcData/sqlServerInstances/jobs/write";
    private const string MachineJobOperation = "Microsoft.HybridCompute/machines/jobs/write";

    private static void ApplyJobQueued(WriteContext context, long offset, JobQueued queued)
    {
        var command = queued.Command;
        var resourceId = JobResourceId(context, command.VmId, command.InstanceName);
        context.Execute(
            """
            INSERT INTO jobs(job_id, vm_id, instance_name, resource_id, kind, parameters_json, state, queued_at, updated_at, timeout_seconds, caller, message, result)
            VALUES (@id, @vm, @instance, @resource, @kind, @parameters, @state, @at, @at, @timeout, @caller, '', '')
            ON CONFLICT DO NOTHING
            """,
            ("@id", command.JobId.ToString("D")),
            ("@vm", command.VmId.ToString("D")),
            ("@instance", command.InstanceName),
            ("@resource", resourceId),
            ("@kind", command.Kind),
            ("@parameters", StorageJson.Serialize(command.Parameters)),
            ("@state", nameof(JobState.Queued)),
            ("@at", ArmTime.ToTicks(command.QueuedAt)),
            ("@timeout", (long)command.Timeout.TotalSeconds),
            ("@caller", command.Caller));
        WriteJobActivity(context, offset, resourceId, command.QueuedAt, command.JobId, command.Kind, null, JobState.Queued, "", command.Caller);
    }

    private static void ApplyJobStateChanged(WriteContext context, long offset, JobStateChanged changed)
    {
        var row = context.Query(
            "SELECT resource_id, kind, state FROM jobs WHERE job_id = @id",
            reader => (Resource: reader.GetString(0), Kind: reader.GetString(1), State: reader.GetString(2)),
            ("@id", changed.JobId.ToString("D")));
        if (row.Count == 0)
        {
            return;
        }

        var at = ArmTime.ToTicks(changed.At);
        context.Execute(
            """
            UPDATE jobs SET state = @state, updated_at = @at, message = @message, result = @result,
                started_at = CASE WHEN @state = 'Running' THEN @at ELSE started_at END,
                ended_at = CASE WHEN @final = 1 THEN @at ELSE NULL END
            WHERE job_id = @id
            """,
            ("@id", changed.JobId.ToString("D")),
            ("@state", changed.State.ToString()),
            ("@at", at),
            ("@message", changed.Message),
            ("@result", changed.Result),
            ("@final", changed.State.IsFinal() ? 1 : 0));
        WriteJobActivity(context, offset, row[0].Resource, changed.At, changed.JobId, row[0].Kind, row[0].State, changed.State, changed.Message, changed.Caller);
    }

    // The instance's resource id when the instance is known, else the machine's, else a path naming the machine id.
    private static string JobResourceId(WriteContext context, Guid vmId, string instanceName)
    {
        var vm = vmId.ToString("D");
        var dialect = context.Dialect;
        if (!string.IsNullOrEmpty(instanceName)
            && context.Scalar($"SELECT resource_id FROM instance_materials WHERE vm_id = @vm AND {dialect.EqualsIgnoringCase("instance_name", "@name")}",
                ("@vm", vm), ("@name", instanceName)) is string instanceId)
        {
            return instanceId;
        }

        var machineId = context.Scalar(
            $"SELECT id FROM resources WHERE vm_id = @vm AND {dialect.EqualsIgnoringCase("type", "@type")}",
            ("@vm", vm),
            ("@type", ResourceIds.MachineType));
        return machineId as string ?? $"/machines/{vm}";
    }

    private static void WriteJobActivity(
        WriteContext context, long offset, string resourceId, DateTimeOffset at, Guid jobId, string kind, string? oldState, JobState newState, string message, string caller)
    {
        var changes = new JsonObject
        {
            ["jobId"] = new JsonObject { ["old"] = null, ["new"] = jobId.ToString("D") },
            ["kind"] = new JsonObject { ["old"] = null, ["new"] = kind },
            ["state"] = new JsonObject { ["old"] = oldState, ["new"] = newState.ToString() },
        };
        if (message.Length > 0)
        {
            changes["message"] = new JsonObject { ["old"] = null, ["new"] = message };
        }

        context.Execute(
            """
            INSERT INTO activity(time, resource_id, operation, changes_json, projection, source_offset, idx, caller)
            VALUES (@time, @resourceId, @operation, @changes, @projection, @offset, 0, @caller)
            ON CONFLICT DO NOTHING
            """,
            ("@time", ArmTime.ToTicks(at)),
            ("@resourceId", resourceId),
            ("@operation", resourceId.Contains($"/providers/{ResourceIds.MachineType}/", StringComparison.OrdinalIgnoreCase) ? MachineJobOperation : JobOperation),
            ("@changes", ArmJson.ToCompact(changes)),
            ("@projection", context.Projection),
            ("@offset", offset),
            ("@caller", caller));
    }

    /// <summary>
    /// Returns the jobs of the instance resource <paramref name="resourceId"/> (case-insensitive), newest
    /// first, at most <paramref name="limit"/>, optionally only those of one kind.
    /// </summary>
    public IReadOnlyList<JobRow> ListJobs(string resourceId, string? kind = null, int limit = 100)
    {
        using var connection = OpenConnection();
        return connection.Query(
            null,
            $"""
            SELECT job_id, vm_id, instance_name, resource_id, kind, state, queued_at, updated_at, started_at, ended_at, timeout_seconds, caller, message, result, parameters_json
            FROM jobs WHERE {_dialect.EqualsIgnoringCase("resource_id", "@resource")} AND (CAST(@kind AS TEXT) IS NULL OR {_dialect.EqualsIgnoringCase("kind", "@kind")})
            ORDER BY queued_at DESC, job_id LIMIT @limit
            """,
            ReadJob,
            ("@resource", resourceId),
            ("@kind", kind),
            ("@limit", limit));
    }

    /// <summary>Returns one job by id, or null.</summary>
    public JobRow? GetJob(Guid jobId)
    {
        using var connection = OpenConnection();
        return connection.Query(
            null,
            """
            SELECT job_id, vm_id, instance_name, resource_id, kind, state, queued_at, updated_at, started_at, ended_at, timeout_seconds, caller, message, result, parameters_json
            FROM jobs WHERE job_id = @id
            """,
            ReadJob,
            ("@id", jobId.ToString("D"))).SingleOrDefault();
    }

    private static JobRow ReadJob(DbDataReader reader) => new(
        Guid.Parse(reader.GetString(0)),
        Guid.Parse(reader.GetString(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        Enum.Parse<JobState>(reader.GetString(5)),
        ArmTime.FromTicks(reader.GetInt64(6)),
        ArmTime.FromTicks(reader.GetInt64(7)),
        reader.NullableInt64(8) is { } started ? ArmTime.FromTicks(started) : null,
        reader.NullableInt64(9) is { } ended ? ArmTime.FromTicks(ended) : null,
        TimeSpan.FromSeconds(reader.GetInt64(10)),
        reader.GetString(11),
        reader.GetString(12),
        reader.GetString(13))
    {
        Parameters = StorageJson.Deserialize<Dictionary<string, string>>(reader.GetString(14)),
    };
}
