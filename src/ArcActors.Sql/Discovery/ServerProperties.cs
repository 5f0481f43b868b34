using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Discovery;

/// <summary>The SERVERPROPERTY values of one instance, NULLs read as empty text or zero.</summary>
internal sealed record ServerProperties(
    string Edition,
    int EngineEdition,
    string ProductVersion,
    string ProductLevel,
    string ProductUpdateLevel,
    string Collation,
    string InstanceName,
    string ServerName,
    bool IsClustered,
    bool IsHadrEnabled,
    string InstanceDefaultBackupPath,
    string MachineName)
{
    public static ServerProperties Read(SqlDataReader reader) => new(
        reader.Text("edition"),
        reader.Int("engine_edition"),
        reader.Text("product_version"),
        reader.Text("product_level"),
        reader.Text("product_update_level"),
        reader.Text("collation"),
        reader.Text("instance_name"),
        reader.Text("server_name"),
        reader.Int("is_clustered") == 1,
        reader.Int("is_hadr_enabled") == 1,
        reader.Text("instance_default_backup_path"),
        reader.Text("machine_name"));

    /// <summary>The cumulative update (such as CU12) when the server reports one, else the product level (RTM, SP2).</summary>
    public string PatchLevel => ProductUpdateLevel.Length > 0 ? ProductUpdateLevel : ProductLevel;
}
