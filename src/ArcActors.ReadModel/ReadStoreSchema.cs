using Microsoft.Data.Sqlite;

namespace ArcActors.ReadModel;

/// <summary>Tables of the read store. Times are stored as UTC ticks so that they sort as numbers.</summary>
internal static class ReadStoreSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS resources (
            id TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            type TEXT NOT NULL COLLATE NOCASE,
            vm_id TEXT,
            parent_id TEXT COLLATE NOCASE,
            json TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            modified_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS resources_parent ON resources(parent_id);
        CREATE INDEX IF NOT EXISTS resources_type ON resources(type);
        CREATE INDEX IF NOT EXISTS resources_type_id ON resources(type, id);

        CREATE TABLE IF NOT EXISTS machines (
            vm_id TEXT NOT NULL PRIMARY KEY,
            scope_json TEXT NOT NULL,
            machine_json TEXT NOT NULL,
            at INTEGER NOT NULL);

        CREATE TABLE IF NOT EXISTS instance_materials (
            instance_key TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            vm_id TEXT NOT NULL,
            instance_name TEXT NOT NULL,
            host_name TEXT NOT NULL,
            scope_json TEXT NOT NULL,
            snapshot_json TEXT,
            resource_id TEXT,
            at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS instance_materials_vm ON instance_materials(vm_id);

        CREATE TABLE IF NOT EXISTS database_materials (
            instance_key TEXT NOT NULL COLLATE NOCASE,
            name TEXT NOT NULL COLLATE NOCASE,
            snapshot_json TEXT NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (instance_key, name));

        CREATE TABLE IF NOT EXISTS activity (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            time INTEGER NOT NULL,
            resource_id TEXT NOT NULL,
            operation TEXT NOT NULL,
            changes_json TEXT NOT NULL,
            projection TEXT NOT NULL,
            source_offset INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            caller TEXT NOT NULL DEFAULT '',
            UNIQUE (projection, source_offset, idx));
        CREATE INDEX IF NOT EXISTS activity_time ON activity(time);

        CREATE TABLE IF NOT EXISTS billing (
            vm_id TEXT NOT NULL,
            hour_start INTEGER NOT NULL,
            meter TEXT NOT NULL,
            machine TEXT NOT NULL,
            cores INTEGER NOT NULL,
            edition TEXT NOT NULL,
            license_type TEXT NOT NULL,
            instance TEXT NOT NULL,
            PRIMARY KEY (vm_id, hour_start, meter));

        CREATE TABLE IF NOT EXISTS last_seen (
            resource_id TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            last_inventory_upload INTEGER,
            last_usage_upload INTEGER);

        CREATE TABLE IF NOT EXISTS instance_settings (
            instance_key TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            settings_json TEXT NOT NULL);

        CREATE TABLE IF NOT EXISTS jobs (
            job_id TEXT NOT NULL PRIMARY KEY,
            vm_id TEXT NOT NULL,
            instance_name TEXT NOT NULL,
            resource_id TEXT NOT NULL COLLATE NOCASE,
            kind TEXT NOT NULL,
            parameters_json TEXT NOT NULL,
            state TEXT NOT NULL,
            queued_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            started_at INTEGER,
            ended_at INTEGER,
            timeout_seconds INTEGER NOT NULL,
            caller TEXT NOT NULL,
            message TEXT NOT NULL,
            result TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS jobs_resource ON jobs(resource_id, queued_at);

        CREATE TABLE IF NOT EXISTS projection_offsets (
            name TEXT NOT NULL PRIMARY KEY,
            "offset" INTEGER NOT NULL);
        """;

    /// <summary>
    /// Adds the columns that files created by earlier versions lack. It runs in an immediate
    /// transaction, so two processes that open the same old file add each column once.
    /// </summary>
    public static void AddMissingColumns(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var columns = connection.Query(transaction, "SELECT name FROM pragma_table_info('activity')", reader => reader.GetString(0));
        if (!columns.Contains("caller", StringComparer.OrdinalIgnoreCase))
        {
            // Rows written before the column existed get '' as their caller, which reads as "not recorded".
            connection.Execute(transaction, "ALTER TABLE activity ADD COLUMN caller TEXT NOT NULL DEFAULT ''");
        }

        transaction.Commit();
    }
}
