using System.Text.Json.Nodes;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;

namespace ArcActors.ReadModel;

public static partial class ArmRenderer
{
    /// <summary>
    /// Renders a <c>sqlServerInstances/databases</c> resource below the instance <paramref name="instanceId"/>.
    /// <paramref name="backupPolicy"/> is the policy set on the database itself; without one the resource shows
    /// <c>backupPolicy</c> null and the instance policy applies.
    /// </summary>
    public static JsonObject Database(
        ResourceScope scope,
        string instanceId,
        DatabaseSnapshot database,
        ResourceTimes times,
        DateTimeOffset? lastDatabaseUploadTime,
        BackupPolicy? backupPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(times);

        var properties = new JsonObject
        {
            ["collationName"] = database.CollationName,
            ["databaseCreationDate"] = Time(database.DatabaseCreationDate),
            ["compatibilityLevel"] = CompatibilityLevelOf(database),
            ["state"] = database.State,
            ["isReadOnly"] = database.IsReadOnly,
            ["recoveryMode"] = database.RecoveryMode,
            ["sizeMB"] = database.SizeMB,
            ["spaceAvailableMB"] = database.SpaceAvailableMB,
            ["databaseOptions"] = DatabaseOptions(database.Options),
            ["backupInformation"] = new JsonObject
            {
                ["lastFullBackup"] = Time(database.LastFullBackup),
                ["lastLogBackup"] = Time(database.LastLogBackup),
            },
            ["backupPolicy"] = backupPolicy is null ? null : BackupPolicyObject(backupPolicy),
            ["createMode"] = "Default",
            ["provisioningState"] = "Succeeded",
            ["lastDatabaseUploadTime"] = Time(lastDatabaseUploadTime),
        };

        return Envelope(
            ResourceIds.Database(instanceId, database.Name),
            database.Name,
            ResourceIds.DatabaseType,
            LocationOf(scope),
            times,
            properties);
    }

    /// <summary>Returns the writable properties of a database as a PATCH sets them: <c>backupPolicy</c>, null when the database has none.</summary>
    public static JsonObject DatabaseSettingsProperties(BackupPolicy? backupPolicy) =>
        new() { ["backupPolicy"] = backupPolicy is null ? null : BackupPolicyObject(backupPolicy) };

    // A database whose details could not be read reports level 0, which the spec's range 80-200 rejects, so it renders as null.
    private static JsonNode? CompatibilityLevelOf(DatabaseSnapshot database) =>
        database.CompatibilityLevel > 0 ? JsonValue.Create(database.CompatibilityLevel) : null;

    private static JsonObject DatabaseOptions(DatabaseOptions options) => new()
    {
        ["isAutoCloseOn"] = options.IsAutoCloseOn,
        ["isAutoShrinkOn"] = options.IsAutoShrinkOn,
        ["isAutoCreateStatsOn"] = options.IsAutoCreateStatsOn,
        ["isAutoUpdateStatsOn"] = options.IsAutoUpdateStatsOn,
        ["isRemoteDataArchiveEnabled"] = options.IsRemoteDataArchiveEnabled,
        ["isMemoryOptimizationEnabled"] = options.IsMemoryOptimizationEnabled,
        ["isEncrypted"] = options.IsEncrypted,
        ["isTrustworthyOn"] = options.IsTrustworthyOn,
    };
}
