namespace ArcActors.Sql.Discovery;

/// <summary>
/// Every T-SQL statement the discovery source sends. Database names travel as the <c>@name</c>
/// parameter (nvarchar(128)); only <see cref="InDatabase"/> puts a name into text, quoted.
/// Local datetimes are turned into datetimeoffset with the server's current UTC offset.
/// </summary>
public static class DiscoveryQueries
{
    public const string ServerProperties = """
        SELECT
            CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition,
            CAST(SERVERPROPERTY('EngineEdition') AS int) AS engine_edition,
            CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version,
            CAST(SERVERPROPERTY('ProductLevel') AS nvarchar(128)) AS product_level,
            CAST(SERVERPROPERTY('ProductUpdateLevel') AS nvarchar(128)) AS product_update_level,
            CAST(SERVERPROPERTY('Collation') AS nvarchar(128)) AS collation,
            CAST(SERVERPROPERTY('InstanceName') AS nvarchar(128)) AS instance_name,
            CAST(SERVERPROPERTY('ServerName') AS nvarchar(256)) AS server_name,
            CAST(SERVERPROPERTY('IsClustered') AS int) AS is_clustered,
            CAST(SERVERPROPERTY('IsHadrEnabled') AS int) AS is_hadr_enabled,
            CAST(SERVERPROPERTY('InstanceDefaultBackupPath') AS nvarchar(4000)) AS instance_default_backup_path,
            CAST(SERVERPROPERTY('MachineName') AS nvarchar(128)) AS machine_name;
        """;

    public const string CpuCount = """
        SELECT si.cpu_count
        FROM sys.dm_os_sys_info AS si;
        """;

    public const string MaxServerMemory = """
        SELECT CAST(c.value_in_use AS bigint) AS max_server_memory_mb
        FROM sys.configurations AS c
        WHERE c.name = N'max server memory (MB)';
        """;

    public const string TempdbDataFileCount = """
        SELECT COUNT(*) AS data_files
        FROM tempdb.sys.database_files AS df
        WHERE df.type = 0;
        """;

    /// <summary>User sessions in databases other than master, tempdb, model and msdb (ids 1 to 4), this session excluded.</summary>
    public const string UserConnectionCount = """
        SELECT COUNT(*) AS user_connections
        FROM sys.dm_exec_sessions AS s
        WHERE s.is_user_process = 1
            AND s.database_id > 4
            AND s.session_id <> @@SPID;
        """;

    public const string DatabaseList = """
        SELECT d.name, d.state_desc
        FROM sys.databases AS d
        ORDER BY d.database_id;
        """;

    /// <summary>Catalog facts of one database; they are readable whatever the database state.</summary>
    public const string DatabaseCatalog = """
        SELECT
            d.name,
            d.state_desc,
            d.recovery_model_desc,
            d.compatibility_level,
            d.is_read_only,
            d.collation_name,
            TODATETIMEOFFSET(d.create_date, DATEPART(TZOFFSET, SYSDATETIMEOFFSET())) AS create_date,
            d.is_auto_close_on,
            d.is_auto_shrink_on,
            d.is_auto_create_stats_on,
            d.is_auto_update_stats_on,
            d.is_trustworthy_on,
            d.is_encrypted,
            d.page_verify_option_desc
        FROM sys.databases AS d
        WHERE d.name = @name;
        """;

    /// <summary>Size of the data and log files; <c>size</c> counts 8-KB pages.</summary>
    public const string DatabaseSize = """
        SELECT CAST(SUM(CAST(mf.size AS bigint)) * 8 / 1024.0 AS float) AS size_mb
        FROM sys.master_files AS mf
        WHERE mf.database_id = DB_ID(@name)
            AND mf.type IN (0, 1);
        """;

    /// <summary>
    /// Free space in the data and log files, and whether a MEMORY_OPTIMIZED_DATA filegroup exists.
    /// FILEPROPERTY reads only the current database, so this runs after <see cref="InDatabase"/>.
    /// </summary>
    public const string DatabaseSpaceInContext = """
        SELECT
            (
                SELECT CAST(SUM(CAST(df.size AS bigint) - CAST(FILEPROPERTY(df.name, 'SpaceUsed') AS bigint)) * 8 / 1024.0 AS float)
                FROM sys.database_files AS df
                WHERE df.type IN (0, 1)
            ) AS space_available_mb,
            CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.filegroups AS fg WHERE fg.type = 'FX') THEN 1 ELSE 0 END AS bit) AS has_memory_optimized_data;
        """;

    /// <summary>
    /// Latest full (type D) and log (type L) backups of the database now named @name, copy-only backups
    /// left out. <c>time_zone</c> is the offset from UTC in 15-minute steps, or 127 when unknown, in
    /// which case the server's current offset is used.
    /// </summary>
    /// <remarks>
    /// A copy-only full backup cannot be a differential base (error 3035 for the next differential), and
    /// a copy-only log backup is outside the log chain, so rows with <c>is_copy_only = 1</c> are skipped.
    /// Rows of an earlier database that had the same name are skipped by matching
    /// <c>msdb.dbo.backupset.database_guid</c> ("Unique ID for the database ... When the database is restored,
    /// a new value is assigned", backupset page, sql-docs docs/relational-databases/system-tables/backupset-transact-sql.md)
    /// to <c>sys.database_recovery_status.database_guid</c> of <c>DB_ID(@name)</c>, which is NULL while the
    /// database is offline, so an offline database reports no backups. After a RESTORE the GUID is new, so
    /// older backups no longer count and the planner takes a full backup before the next differential or log
    /// backup. <c>family_guid</c> would survive a restore but also match backups taken before it, which are
    /// no base for the restored copy. sys.database_recovery_status needs VIEW ANY DATABASE, which the
    /// discovery login holds.
    /// </remarks>
    public const string LastBackups = """
        WITH finished AS (
            SELECT
                bs.type,
                TODATETIMEOFFSET(
                    bs.backup_finish_date,
                    CASE WHEN bs.time_zone IS NULL OR bs.time_zone = 127
                        THEN DATEPART(TZOFFSET, SYSDATETIMEOFFSET())
                        ELSE 15 * bs.time_zone END) AS finished_at
            FROM msdb.dbo.backupset AS bs
            INNER JOIN sys.database_recovery_status AS drs
                ON drs.database_id = DB_ID(@name)
                AND drs.database_guid = bs.database_guid
            WHERE bs.database_name = @name
                AND bs.type IN ('D', 'L')
                AND bs.is_copy_only = 0
                AND bs.backup_finish_date IS NOT NULL
        )
        SELECT
            MAX(CASE WHEN f.type = 'D' THEN f.finished_at END) AS last_full_backup,
            MAX(CASE WHEN f.type = 'L' THEN f.finished_at END) AS last_log_backup
        FROM finished AS f;
        """;

    /// <summary>
    /// Last successful DBCC CHECKDB. The property is NULL before SQL Server 2016 SP2 and
    /// 1900-01-01 when CHECKDB never succeeded; both read as no value.
    /// </summary>
    public const string LastGoodCheckDb = """
        SELECT
            CASE WHEN v.last_good IS NULL OR v.last_good <= '19000101' THEN NULL
                ELSE TODATETIMEOFFSET(v.last_good, DATEPART(TZOFFSET, SYSDATETIMEOFFSET())) END AS last_good_check_db
        FROM (SELECT CAST(DATABASEPROPERTYEX(@name, 'LastGoodCheckDbTime') AS datetime) AS last_good) AS v;
        """;

    /// <summary>Availability groups with the local replica's role, for SQL Server 2016 and later (is_distributed).</summary>
    public const string AvailabilityGroups = """
        SELECT
            ag.group_id,
            ag.name,
            ISNULL(ags.primary_replica, N'') AS primary_replica,
            ag.is_distributed,
            ISNULL(lrs.role_desc, N'') AS local_role_desc,
            ISNULL(lr.secondary_role_allow_connections_desc, N'') AS local_secondary_role_allow_connections_desc
        FROM sys.availability_groups AS ag
        LEFT JOIN sys.dm_hadr_availability_group_states AS ags ON ags.group_id = ag.group_id
        LEFT JOIN sys.dm_hadr_availability_replica_states AS lrs ON lrs.group_id = ag.group_id AND lrs.is_local = 1
        LEFT JOIN sys.availability_replicas AS lr ON lr.replica_id = lrs.replica_id
        ORDER BY ag.name;
        """;

    /// <summary>The same as <see cref="AvailabilityGroups"/> for SQL Server 2012 and 2014, which have no distributed availability groups.</summary>
    public const string AvailabilityGroupsBefore2016 = """
        SELECT
            ag.group_id,
            ag.name,
            ISNULL(ags.primary_replica, N'') AS primary_replica,
            CAST(0 AS bit) AS is_distributed,
            ISNULL(lrs.role_desc, N'') AS local_role_desc,
            ISNULL(lr.secondary_role_allow_connections_desc, N'') AS local_secondary_role_allow_connections_desc
        FROM sys.availability_groups AS ag
        LEFT JOIN sys.dm_hadr_availability_group_states AS ags ON ags.group_id = ag.group_id
        LEFT JOIN sys.dm_hadr_availability_replica_states AS lrs ON lrs.group_id = ag.group_id AND lrs.is_local = 1
        LEFT JOIN sys.availability_replicas AS lr ON lr.replica_id = lrs.replica_id
        ORDER BY ag.name;
        """;

    /// <summary>Replicas of every availability group. A secondary has no state rows for remote replicas.</summary>
    public const string AvailabilityReplicas = """
        SELECT
            ar.group_id,
            ar.replica_server_name,
            ISNULL(rs.role_desc, N'') AS role_desc,
            ISNULL(ar.availability_mode_desc, N'') AS availability_mode_desc,
            ISNULL(ar.failover_mode_desc, N'') AS failover_mode_desc,
            ISNULL(ar.secondary_role_allow_connections_desc, N'') AS secondary_role_allow_connections_desc,
            ISNULL(rs.synchronization_health_desc, N'') AS synchronization_health_desc,
            ISNULL(rs.connected_state_desc, N'') AS connected_state_desc
        FROM sys.availability_replicas AS ar
        LEFT JOIN sys.dm_hadr_availability_replica_states AS rs ON rs.replica_id = ar.replica_id AND rs.group_id = ar.group_id
        ORDER BY ar.group_id, ar.replica_server_name;
        """;

    /// <summary>Availability databases per replica; the primary is the replica that the group state names.</summary>
    public const string AvailabilityDatabases = """
        SELECT
            drs.group_id,
            ISNULL(d.name, N'') AS database_name,
            ar.replica_server_name,
            drs.is_local,
            CAST(CASE WHEN ar.replica_server_name = ags.primary_replica THEN 1 ELSE 0 END AS bit) AS is_primary_replica,
            ISNULL(drs.synchronization_state_desc, N'') AS synchronization_state_desc,
            ISNULL(drs.synchronization_health_desc, N'') AS synchronization_health_desc,
            ISNULL(drs.database_state_desc, N'') AS database_state_desc,
            drs.is_suspended
        FROM sys.dm_hadr_database_replica_states AS drs
        INNER JOIN sys.availability_replicas AS ar ON ar.replica_id = drs.replica_id
        LEFT JOIN sys.databases AS d ON d.database_id = drs.database_id
        LEFT JOIN sys.dm_hadr_availability_group_states AS ags ON ags.group_id = drs.group_id
        ORDER BY drs.group_id, database_name, ar.replica_server_name;
        """;

    /// <summary>Returns a <c>USE</c> statement for the database, its name quoted as QUOTENAME would quote it.</summary>
    public static string InDatabase(string databaseName) => $"USE {SqlIdentifier.Quote(databaseName)};\n";
}
