namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>
    /// Returns the machine id and instance name of the instance resource <paramref name="resourceId"/>
    /// (case-insensitive), so a write can reach the instance's entity, or null when no instance has that id.
    /// </summary>
    public (Guid VmId, string InstanceName)? FindInstance(string resourceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceId);

        using var connection = OpenConnection();
        var rows = connection.Query(
            null,
            $"SELECT vm_id, instance_name FROM instance_materials WHERE {_dialect.EqualsIgnoringCase("resource_id", "@id")}",
            reader => (Guid.Parse(reader.GetString(0)), reader.GetString(1)),
            ("@id", resourceId));
        return rows.Count == 0 ? null : rows[0];
    }
}
