using System.Globalization;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Simulation.Fleets.Parsing;

/// <summary>Reads databases, their options, availability groups and licenses.</summary>
internal static class DatabaseReader
{
    /// <summary>
    /// Reads a database. A missing compatibilityLevel takes the default of <paramref name="version"/>,
    /// or stays 0 (the engine's default, resolved when the event is applied) when the version is unknown.
    /// </summary>
    public static FleetDatabase ReadDatabase(ParseContext context, YamlTreeNode node, string? version)
    {
        var reader = YamlMapReader.Open(context, node, "database", FleetKeys.Database);
        var name = reader.Require(NameReader.DatabaseName(reader, "name"), "name", "name: orders");
        var change = DatabaseChange(reader);
        var defaultLevel = version is null ? 0 : SqlServerVersions.DefaultCompatibilityLevel(version);
        var database = new FleetDatabase { Name = name, CompatibilityLevel = defaultLevel };

        return change.ApplyTo(database);
    }

    public static DatabaseChange DatabaseChange(YamlMapReader reader) => new()
    {
        State = reader.Enum("state", FleetValues.DatabaseStates),
        RecoveryMode = reader.Enum("recoveryMode", FleetValues.RecoveryModes),
        CompatibilityLevel = CompatibilityLevel(reader),
        SizeMB = reader.Double("sizeMB", 0, "give the database size in MB"),
        IsReadOnly = reader.Bool("isReadOnly"),
        Options = OptionsChange(reader),
        LastFullBackup = reader.Timestamp("lastFullBackup"),
        LastLogBackup = reader.Timestamp("lastLogBackup"),
        LastGoodCheckDb = reader.Timestamp("lastGoodCheckDb"),
    };

    private static int? CompatibilityLevel(YamlMapReader reader)
    {
        var level = reader.Int("compatibilityLevel", 80, "use a level from 80 to 200, such as 160");
        if (level is > 200)
        {
            throw reader.Error("compatibilityLevel", level.Value.ToString(CultureInfo.InvariantCulture), $"'compatibilityLevel' {level} in {reader.Table} must be at most 200",
                "use a level from 80 to 200, such as 160");
        }

        return level;
    }

    private static DatabaseOptionsChange? OptionsChange(YamlMapReader database)
    {
        var reader = database.Map("options", "database options", FleetKeys.DatabaseOptions);
        if (reader is null)
        {
            return null;
        }

        return new DatabaseOptionsChange
        {
            AutoClose = reader.Bool("autoClose"),
            AutoShrink = reader.Bool("autoShrink"),
            AutoCreateStats = reader.Bool("autoCreateStats"),
            AutoUpdateStats = reader.Bool("autoUpdateStats"),
            Trustworthy = reader.Bool("trustworthy"),
            Encrypted = reader.Bool("encrypted"),
            PageVerify = reader.Enum("pageVerify", FleetValues.PageVerifyOptions),
        };
    }

    /// <summary>
    /// Reads an availability group. When <paramref name="databaseNames"/> is given, every group
    /// database must be in it. The set compares names as the instance's collation does.
    /// </summary>
    public static FleetAvailabilityGroup ReadAvailabilityGroup(ParseContext context, YamlTreeNode node, IReadOnlySet<string>? databaseNames)
    {
        var reader = YamlMapReader.Open(context, node, "availability group", FleetKeys.AvailabilityGroup);
        var name = reader.Require(NameReader.SqlName(reader, "name", "availability group"), "name", "name: ag-sales");
        var groupDatabases = (reader.StringList("databases") ?? []).Select(NameReader.TrimDatabaseName).ToList();

        foreach (var databaseName in groupDatabases)
        {
            var known = databaseNames is null || databaseNames.Contains(databaseName);
            if (!known)
            {
                throw reader.Error("databases", databaseName, $"availability group '{name}' lists database '{databaseName}', which the instance does not have",
                    "add the database to the instance's databases or remove it from the group");
            }
        }

        return new FleetAvailabilityGroup
        {
            Name = name,
            Id = reader.Guid("id") ?? NameBasedGuid.ForAvailabilityGroup(name),
            Role = reader.Require(reader.Enum("role", FleetValues.AvailabilityGroupRoles), "role", "role: Primary"),
            Readable = reader.Bool("readable") ?? false,
            Databases = groupDatabases,
            Replicas = reader.StringList("replicas") ?? [],
        };
    }

    public static FleetLicense ReadLicense(ParseContext context, YamlTreeNode node)
    {
        var reader = YamlMapReader.Open(context, node, "license", FleetKeys.License);
        var change = LicenseChange(reader);

        return new FleetLicense
        {
            Name = reader.Require(reader.Name("name"), "name", "name: datacenter-east"),
            BillingPlan = reader.Require(change.BillingPlan, "billingPlan", "billingPlan: PAYG"),
            PhysicalCores = reader.Require(change.PhysicalCores, "physicalCores", "physicalCores: 16"),
            ScopeType = reader.Require(change.ScopeType, "scopeType", "scopeType: Subscription"),
            ActivationState = change.ActivationState ?? FleetValues.Activated,
        };
    }

    public static LicenseChange LicenseChange(YamlMapReader reader) => new()
    {
        BillingPlan = reader.Enum("billingPlan", FleetValues.BillingPlans),
        PhysicalCores = LicensedCores(reader),
        ScopeType = reader.Enum("scopeType", FleetValues.ScopeTypes),
        ActivationState = reader.Enum("activationState", FleetValues.ActivationStates),
    };

    private static int? LicensedCores(YamlMapReader reader)
    {
        var cores = reader.Int("physicalCores", 16, "give 16 or more, the smallest physical core license");
        if (cores is { } count && count % 2 != 0)
        {
            throw reader.Error("physicalCores", count.ToString(), $"'physicalCores' {count} in {reader.Table} is odd",
                "give an even number, because physical core licenses are sold in packs of 2 cores");
        }

        return cores;
    }
}
