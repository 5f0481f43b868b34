using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>
    /// Returns the machine with this vmId as its last inventory reported it, including its extension
    /// settings and so its license type, or null when the read store has no such machine.
    /// </summary>
    public MachineSnapshot? FindMachine(Guid vmId)
    {
        using var connection = OpenConnection();
        var rows = connection.Query(
            null,
            "SELECT machine_json FROM machines WHERE vm_id = @vmId",
            reader => StorageJson.Deserialize<MachineSnapshot>(reader.GetString(0)),
            ("@vmId", vmId.ToString("D")));
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Returns the newest job of <paramref name="kind"/> on the resource <paramref name="resourceId"/>
    /// (case-insensitive) that ended Succeeded with a non-empty result, or null when there is none.
    /// </summary>
    public JobRow? FindLatestSucceededJob(string resourceId, string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceId);
        ArgumentException.ThrowIfNullOrEmpty(kind);

        using var connection = OpenConnection();
        return connection.Query(
            null,
            $"""
            SELECT job_id, vm_id, instance_name, resource_id, kind, state, queued_at, updated_at, started_at, ended_at, timeout_seconds, caller, message, result, parameters_json
            FROM jobs
            WHERE {_dialect.EqualsIgnoringCase("resource_id", "@resource")} AND {_dialect.EqualsIgnoringCase("kind", "@kind")} AND state = @state AND result <> ''
            ORDER BY ended_at DESC, queued_at DESC, job_id LIMIT 1
            """,
            ReadJob,
            ("@resource", resourceId),
            ("@kind", kind),
            ("@state", nameof(JobState.Succeeded))).SingleOrDefault();
    }
}
