using Microsoft.Data.Sqlite;

namespace ArcActors.ReadModel;

/// <summary>
/// Tables of the read store, once for SQLite and once for PostgreSQL. Times are stored as UTC ticks so
/// that they sort as numbers.
/// </summary>
internal static class ReadStoreSchema
{
    public const string SqliteCreate = """
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
    /// The same tables on PostgreSQL. Text is in the "C" collation, so it sorts by bytes as SQLite's
    /// BINARY does. The keys that SQLite declares COLLATE NOCASE are unique indexes on the ASCII-folded
    /// column instead, see <see cref="ReadStoreDialect"/>.
    /// </summary>
    public const string PostgresCreate = """
        CREATE TABLE IF NOT EXISTS resources (
            id TEXT COLLATE "C" NOT NULL,
            type TEXT COLLATE "C" NOT NULL,
            vm_id TEXT COLLATE "C",
            parent_id TEXT COLLATE "C",
            json TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            modified_at BIGINT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS resources_id ON resources ((lower(id COLLATE "C")));
        CREATE INDEX IF NOT EXISTS resources_parent ON resources ((lower(parent_id COLLATE "C")));
        CREATE INDEX IF NOT EXISTS resources_type_id ON resources ((lower(type COLLATE "C")), (lower(id COLLATE "C")));

        CREATE TABLE IF NOT EXISTS machines (
            vm_id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            scope_json TEXT NOT NULL,
            machine_json TEXT NOT NULL,
            at BIGINT NOT NULL);

        CREATE TABLE IF NOT EXISTS instance_materials (
            instance_key TEXT COLLATE "C" NOT NULL,
            vm_id TEXT COLLATE "C" NOT NULL,
            instance_name TEXT COLLATE "C" NOT NULL,
            host_name TEXT COLLATE "C" NOT NULL,
            scope_json TEXT NOT NULL,
            snapshot_json TEXT,
            resource_id TEXT COLLATE "C",
            at BIGINT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS instance_materials_key ON instance_materials ((lower(instance_key COLLATE "C")));
        CREATE INDEX IF NOT EXISTS instance_materials_vm ON instance_materials(vm_id);

        CREATE TABLE IF NOT EXISTS database_materials (
            instance_key TEXT COLLATE "C" NOT NULL,
            name TEXT COLLATE "C" NOT NULL,
            snapshot_json TEXT NOT NULL,
            at BIGINT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS database_materials_key
            ON database_materials ((lower(instance_key COLLATE "C")), (lower(name COLLATE "C")));

        CREATE TABLE IF NOT EXISTS activity (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            time BIGINT NOT NULL,
            resource_id TEXT COLLATE "C" NOT NULL,
            operation TEXT COLLATE "C" NOT NULL,
            changes_json TEXT NOT NULL,
            projection TEXT COLLATE "C" NOT NULL,
            source_offset BIGINT NOT NULL,
            idx INTEGER NOT NULL,
            caller TEXT COLLATE "C" NOT NULL DEFAULT '',
            UNIQUE (projection, source_offset, idx));
        CREATE INDEX IF NOT EXISTS activity_time ON activity(time);

        CREATE TABLE IF NOT EXISTS billing (
            vm_id TEXT COLLATE "C" NOT NULL,
            hour_start BIGINT NOT NULL,
            meter TEXT COLLATE "C" NOT NULL,
            machine TEXT COLLATE "C" NOT NULL,
            cores INTEGER NOT NULL,
            edition TEXT COLLATE "C" NOT NULL,
            license_type TEXT COLLATE "C" NOT NULL,
            instance TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (vm_id, hour_start, meter));

        CREATE TABLE IF NOT EXISTS last_seen (
            resource_id TEXT COLLATE "C" NOT NULL,
            last_inventory_upload BIGINT,
            last_usage_upload BIGINT);
        CREATE UNIQUE INDEX IF NOT EXISTS last_seen_key ON last_seen ((lower(resource_id COLLATE "C")));

        CREATE TABLE IF NOT EXISTS instance_settings (
            instance_key TEXT COLLATE "C" NOT NULL,
            settings_json TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS instance_settings_key ON instance_settings ((lower(instance_key COLLATE "C")));

        CREATE TABLE IF NOT EXISTS jobs (
            job_id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            vm_id TEXT COLLATE "C" NOT NULL,
            instance_name TEXT COLLATE "C" NOT NULL,
            resource_id TEXT COLLATE "C" NOT NULL,
            kind TEXT COLLATE "C" NOT NULL,
            parameters_json TEXT NOT NULL,
            state TEXT COLLATE "C" NOT NULL,
            queued_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            started_at BIGINT,
            ended_at BIGINT,
            timeout_seconds BIGINT NOT NULL,
            caller TEXT COLLATE "C" NOT NULL,
            message TEXT NOT NULL,
            result TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS jobs_resource ON jobs ((lower(resource_id COLLATE "C")), queued_at);

        CREATE TABLE IF NOT EXISTS projection_offsets (
            name TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            "offset" BIGINT NOT NULL);
        """;

    /// <summary>
    /// Adds the columns that SQLite files created by earlier versions lack. It runs in an immediate
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
