using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Errors;
using ArcActors.Sql.Mapping;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Discovery;

/// <summary>Reads one database: catalog facts always, sizes, backups and CHECKDB only when it is online.</summary>
internal static class DatabaseProbe
{
    public static async Task<DatabaseSnapshot> ReadAsync(SqlQueryRunner runner, DatabaseEntry entry, string instanceDescription, CancellationToken cancellationToken)
    {
        var catalogRows = await runner.QueryAsync(DiscoveryQueries.DatabaseCatalog, ReadCatalog, cancellationToken, entry.Name).ConfigureAwait(false);
        if (catalogRows.Count == 0)
        {
            return new DatabaseSnapshot
            {
                Name = entry.Name,
                State = entry.State,
                ProbeError = $"database '{entry.Name}' was not found in sys.databases of {instanceDescription}. It was dropped or renamed after the instance was read",
            };
        }

        var catalog = catalogRows[0];
        if (catalog.State != DatabaseStateMapping.Online)
        {
            return catalog;
        }

        try
        {
            return await ReadDetailsAsync(runner, catalog, cancellationToken).ConfigureAwait(false);
        }
        catch (SqlException exception) when (SqlErrorClassifier.IsDatabaseAccessError(SqlExceptionClassifier.DecidingNumber(exception)))
        {
            return catalog with
            {
                ProbeError = SqlExceptionClassifier.MessageFor(exception, $"database '{entry.Name}' on {instanceDescription}"),
            };
        }
    }

    private static async Task<DatabaseSnapshot> ReadDetailsAsync(SqlQueryRunner runner, DatabaseSnapshot catalog, CancellationToken cancellationToken)
    {
        var name = catalog.Name;

        var sizeMB = await runner.QuerySingleAsync(DiscoveryQueries.DatabaseSize, r => r.Double("size_mb"), cancellationToken, name).ConfigureAwait(false);
        var backups = await runner.QuerySingleAsync(DiscoveryQueries.LastBackups, ReadBackups, cancellationToken, name).ConfigureAwait(false);
        var lastGoodCheckDb = await runner.QuerySingleAsync(DiscoveryQueries.LastGoodCheckDb, r => r.Timestamp("last_good_check_db"), cancellationToken, name).ConfigureAwait(false);

        // Runs last: USE moves the connection into the database, and the queries above read master and msdb.
        var space = await runner.QuerySingleAsync(
            DiscoveryQueries.InDatabase(name) + DiscoveryQueries.DatabaseSpaceInContext,
            ReadSpace,
            cancellationToken).ConfigureAwait(false);

        return catalog with
        {
            SizeMB = sizeMB,
            SpaceAvailableMB = space.SpaceAvailableMB,
            Options = catalog.Options with { IsMemoryOptimizationEnabled = space.HasMemoryOptimizedData },
            LastFullBackup = backups.LastFull,
            LastLogBackup = backups.LastLog,
            LastGoodCheckDb = lastGoodCheckDb,
        };
    }

    private static DatabaseSnapshot ReadCatalog(SqlDataReader reader) => new()
    {
        Name = reader.Text("name"),
        State = DatabaseStateMapping.ToArmStateOrRaw(reader.Text("state_desc")),
        RecoveryMode = RecoveryModelMapping.ToArmRecoveryModeOrRaw(reader.Text("recovery_model_desc")),
        CompatibilityLevel = reader.Int("compatibility_level"),
        IsReadOnly = reader.Flag("is_read_only"),
        CollationName = reader.Text("collation_name"),
        DatabaseCreationDate = reader.Timestamp("create_date"),
        Options = new DatabaseOptions
        {
            IsAutoCloseOn = reader.Flag("is_auto_close_on"),
            IsAutoShrinkOn = reader.Flag("is_auto_shrink_on"),
            IsAutoCreateStatsOn = reader.Flag("is_auto_create_stats_on"),
            IsAutoUpdateStatsOn = reader.Flag("is_auto_update_stats_on"),
            IsTrustworthyOn = reader.Flag("is_trustworthy_on"),
            IsEncrypted = reader.Flag("is_encrypted"),
            PageVerify = reader.Text("page_verify_option_desc"),
            // NOTE: IsRemoteDataArchiveEnabled (Stretch Database) stays false because its column exists only from SQL Server 2016 on.
        },
    };

    private static (DateTimeOffset? LastFull, DateTimeOffset? LastLog) ReadBackups(SqlDataReader reader) =>
        (reader.Timestamp("last_full_backup"), reader.Timestamp("last_log_backup"));

    private static (double SpaceAvailableMB, bool HasMemoryOptimizedData) ReadSpace(SqlDataReader reader) =>
        (reader.Double("space_available_mb"), reader.Flag("has_memory_optimized_data"));
}
