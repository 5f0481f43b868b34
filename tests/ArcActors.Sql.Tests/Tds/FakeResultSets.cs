namespace ArcActors.Sql.Tests.Tds;

/// <summary>Result sets of the discovery queries, with the column names and SQL Server types of the real catalog views.</summary>
internal static class FakeResultSets
{
    public static TdsReply ServerProperties(FakeInstanceProperties properties)
    {
        TdsColumn[] columns =
        [
            TdsColumn.NVarChar("edition"),
            TdsColumn.Of("engine_edition", TdsType.Int),
            TdsColumn.NVarChar("product_version"),
            TdsColumn.NVarChar("product_level"),
            TdsColumn.NVarChar("product_update_level"),
            TdsColumn.NVarChar("collation"),
            TdsColumn.NVarChar("instance_name"),
            TdsColumn.NVarChar("server_name", 256),
            TdsColumn.Of("is_clustered", TdsType.Int),
            TdsColumn.Of("is_hadr_enabled", TdsType.Int),
            TdsColumn.NVarChar("instance_default_backup_path", 4000),
            TdsColumn.NVarChar("machine_name"),
        ];
        object?[] row =
        [
            properties.Edition,
            properties.EngineEdition,
            properties.ProductVersion,
            properties.ProductLevel,
            properties.ProductUpdateLevel,
            properties.Collation,
            properties.InstanceName,
            properties.ServerName,
            properties.IsClustered ? 1 : 0,
            properties.IsHadrEnabled ? 1 : 0,
            properties.InstanceDefaultBackupPath,
            properties.MachineName,
        ];
        return TdsReply.Results(new TdsResultSet(columns, [row]));
    }

    public static TdsReply DatabaseList(IEnumerable<FakeDatabase> databases)
    {
        TdsColumn[] columns = [TdsColumn.NVarChar("name"), TdsColumn.NVarChar("state_desc", 60)];
        var rows = databases.Select(database => new object?[] { database.Name, database.StateDesc }).ToList();
        return TdsReply.Results(new TdsResultSet(columns, rows));
    }

    public static TdsReply Catalog(IEnumerable<FakeDatabase> databases)
    {
        TdsColumn[] columns =
        [
            TdsColumn.NVarChar("name"),
            TdsColumn.NVarChar("state_desc", 60),
            TdsColumn.NVarChar("recovery_model_desc", 60),
            TdsColumn.Of("compatibility_level", TdsType.TinyInt),
            TdsColumn.Of("is_read_only", TdsType.Bit),
            TdsColumn.NVarChar("collation_name"),
            TdsColumn.Of("create_date", TdsType.DateTimeOffset),
            TdsColumn.Of("is_auto_close_on", TdsType.Bit),
            TdsColumn.Of("is_auto_shrink_on", TdsType.Bit),
            TdsColumn.Of("is_auto_create_stats_on", TdsType.Bit),
            TdsColumn.Of("is_auto_update_stats_on", TdsType.Bit),
            TdsColumn.Of("is_trustworthy_on", TdsType.Bit),
            TdsColumn.Of("is_encrypted", TdsType.Bit),
            TdsColumn.NVarChar("page_verify_option_desc", 60),
        ];
        var rows = databases.Select(database => new object?[]
        {
            database.Name,
            database.StateDesc,
            database.RecoveryModelDesc,
            database.CompatibilityLevel,
            database.IsReadOnly,
            database.CollationName,
            database.CreateDate,
            database.IsAutoCloseOn,
            database.IsAutoShrinkOn,
            database.IsAutoCreateStatsOn,
            database.IsAutoUpdateStatsOn,
            database.IsTrustworthyOn,
            database.IsEncrypted,
            database.PageVerifyOptionDesc,
        }).ToList();
        return TdsReply.Results(new TdsResultSet(columns, rows));
    }

    public static TdsReply LastBackups(FakeDatabase database)
    {
        TdsColumn[] columns = [TdsColumn.Of("last_full_backup", TdsType.DateTimeOffset), TdsColumn.Of("last_log_backup", TdsType.DateTimeOffset)];
        return TdsReply.Results(new TdsResultSet(columns, [[database.LastFullBackup, database.LastLogBackup]]));
    }

    public static TdsReply Space(FakeDatabase database)
    {
        TdsColumn[] columns = [TdsColumn.Of("space_available_mb", TdsType.Float), TdsColumn.Of("has_memory_optimized_data", TdsType.Bit)];
        return TdsReply.Results(new TdsResultSet(columns, [[database.SpaceAvailableMB, database.HasMemoryOptimizedData]]));
    }
}
