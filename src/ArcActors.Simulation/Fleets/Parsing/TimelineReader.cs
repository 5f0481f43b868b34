
namespace ArcActors.Simulation.Fleets.Parsing;

/// <summary>Reads timeline events: the time, the selectors and exactly one action.</summary>
internal static class TimelineReader
{
    private static readonly string[] NoSelectors = [];
    private static readonly string[] HostOnly = ["host"];
    private static readonly string[] HostAndInstance = ["host", "instance"];

    public static FleetTimelineEvent ReadEvent(ParseContext context, YamlTreeNode node, DateTimeOffset start)
    {
        var reader = YamlMapReader.OpenAny(context, node, "timeline event");
        var actionKey = FindActionKey(reader);
        var at = ReadAt(reader, start);
        var host = reader.Name("host");
        var instance = reader.Name("instance");
        var database = reader.Name("database") is { } databaseText ? NameReader.TrimDatabaseName(databaseText) : null;

        CheckSelectors(reader, actionKey, host, instance, database);

        return new FleetTimelineEvent
        {
            At = at,
            Host = host ?? "",
            Instance = instance ?? "",
            Database = database ?? "",
            Action = ReadAction(reader, actionKey, instance, database),
            Line = reader.Line,
        };
    }

    private static string FindActionKey(YamlMapReader reader)
    {
        string? actionKey = null;
        foreach (var key in reader.Keys)
        {
            if (key == "at" || FleetKeys.Selectors.Contains(key))
            {
                continue;
            }

            if (!FleetKeys.Actions.Contains(key))
            {
                throw reader.Context.Error(reader.KeyNode(key), key, $"unknown timeline action or key '{key}'",
                    $"use 'at', the selectors host, instance and database, and one action of: {string.Join(", ", FleetKeys.Actions)}");
            }

            if (actionKey is not null)
            {
                throw reader.Context.Error(reader.KeyNode(key), key, $"timeline event has more than one action ('{actionKey}' and '{key}')",
                    "split it into one event per action");
            }

            actionKey = key;
        }

        return actionKey ?? throw reader.Context.Error(reader.Node, "", "timeline event has no action",
            $"add one action of: {string.Join(", ", FleetKeys.Actions)}");
    }

    private static DateTimeOffset ReadAt(YamlMapReader reader, DateTimeOffset start)
    {
        var text = reader.Require(reader.String("at"), "at", "at: 2h");
        if (FleetTime.TryParseDuration(text, out var offset))
        {
            return start + offset;
        }

        RejectOverMaximum(reader, "at", text);
        if (!FleetTime.TryParseTimestamp(text, out var time))
        {
            throw reader.Error("at", text, $"'at' '{text}' is neither a duration nor a UTC timestamp",
                "write a duration after start such as 90m, 2h, 1d6h or 10h20m, or a time such as 2026-11-30T05:00:00Z");
        }

        if (time < start)
        {
            throw reader.Error("at", text, $"'at' {text} is before the fleet's start {FleetTime.FormatTimestamp(start)}",
                "give a time at or after start");
        }

        return time;
    }

    private static void CheckSelectors(YamlMapReader reader, string actionKey, string? host, string? instance, string? database)
    {
        var (required, allowed) = actionKey switch
        {
            "change" => (HostOnly, FleetKeys.Selectors),
            "addDatabase" or "removeDatabase" => (HostAndInstance, HostAndInstance),
            "addInstance" or "removeInstance" or "disconnect" or "rename" => (HostOnly, HostOnly),
            _ => (NoSelectors, NoSelectors),
        };

        var given = new Dictionary<string, string?> { ["host"] = host, ["instance"] = instance, ["database"] = database };
        foreach (var selector in FleetKeys.Selectors)
        {
            if (given[selector] is not null && !allowed.Contains(selector))
            {
                throw reader.Error(selector, given[selector]!, $"action '{actionKey}' takes no '{selector}' selector",
                    allowed.Length == 0 ? "remove it, because the action's value names what it applies to" : $"remove it, because '{actionKey}' takes only {string.Join(" and ", allowed)}");
            }

            if (given[selector] is null && required.Contains(selector))
            {
                throw reader.MissingKey(selector, $"{selector}: NAME, to say what '{actionKey}' applies to");
            }
        }

        if (database is not null && instance is null)
        {
            throw reader.MissingKey("instance", "instance: NAME, the instance that contains the database");
        }
    }

    private static FleetTimelineAction ReadAction(YamlMapReader reader, string actionKey, string? instance, string? database)
    {
        var node = reader.Value(actionKey) ?? throw reader.Error(actionKey, "", $"action '{actionKey}' has no value",
            $"give it a map, for example {ExampleOf(actionKey)}");
        var context = reader.Context;

        return actionKey switch
        {
            "change" => ReadChange(context, node, instance, database),
            "addDatabase" => new AddDatabaseAction(DatabaseReader.ReadDatabase(context, node, version: null)),
            "removeDatabase" => new RemoveDatabaseAction(NameReader.TrimDatabaseName(ReadName(context, node, actionKey))),
            "addInstance" => new AddInstanceAction(HostReader.ReadInstance(context, node)),
            "removeInstance" => new RemoveInstanceAction(ReadName(context, node, actionKey)),
            "failover" => ReadFailover(context, node),
            "disconnect" => ReadDisconnect(context, node),
            "rename" => ReadRename(context, node),
            "license" => ReadLicense(context, node),
            _ => ReadProvider(context, node),
        };
    }

    private static FleetTimelineAction ReadChange(ParseContext context, YamlTreeNode node, string? instance, string? database)
    {
        if (database is not null)
        {
            var reader = OpenChange(context, node, "database change", FleetKeys.DatabaseChange);
            return new ChangeDatabaseAction(DatabaseReader.DatabaseChange(reader));
        }

        if (instance is not null)
        {
            var reader = OpenChange(context, node, "instance change", FleetKeys.InstanceChange);
            return new ChangeInstanceAction(ChangeReader.ReadInstanceChange(reader));
        }

        var hostReader = OpenChange(context, node, "host change", FleetKeys.HostChange);
        return new ChangeHostAction(ChangeReader.ReadHostChange(hostReader));
    }

    private static YamlMapReader OpenChange(ParseContext context, YamlTreeNode node, string table, string[] keys)
    {
        var reader = YamlMapReader.Open(context, node, table, keys);
        if (!reader.Keys.Any())
        {
            throw context.Error(node, "", $"{table} sets no keys", $"give the keys to set, from: {string.Join(", ", keys)}");
        }

        return reader;
    }

    private static string ReadName(ParseContext context, YamlTreeNode node, string actionKey)
    {
        var reader = YamlMapReader.Open(context, node, actionKey, ["name"]);
        return reader.Require(reader.Name("name"), "name", $"{actionKey}: {{ name: NAME }}");
    }

    private static FailoverAction ReadFailover(ParseContext context, YamlTreeNode node)
    {
        var reader = YamlMapReader.Open(context, node, "failover", ["availabilityGroup", "to"]);
        var group = reader.Require(reader.Name("availabilityGroup"), "availabilityGroup", "availabilityGroup: ag-sales");
        var to = reader.Require(reader.Name("to"), "to", "to: sql-ag-02");

        return new FailoverAction(group, to);
    }

    private static DisconnectAction ReadDisconnect(ParseContext context, YamlTreeNode node)
    {
        var reader = YamlMapReader.Open(context, node, "disconnect", ["for"]);
        var text = reader.Require(reader.String("for"), "for", "for: 6h");
        RejectOverMaximum(reader, "for", text);
        if (!FleetTime.TryParseDuration(text, out var duration) || duration <= TimeSpan.Zero)
        {
            throw reader.Error("for", text, $"'for' '{text}' is not a positive duration",
                "write a duration such as 30s, 90m, 6h, 1d6h or 10h20m");
        }

        return new DisconnectAction(duration);
    }

    private static void RejectOverMaximum(YamlMapReader reader, string key, string text)
    {
        if (FleetTime.IsDurationOverMaximum(text))
        {
            throw reader.Error(key, text, $"'{key}' '{text}' is a duration over the maximum of {FleetTime.MaximumDuration}",
                $"give a duration of at most {FleetTime.MaximumDuration} (100 years)");
        }
    }

    private static RenameAction ReadRename(ParseContext context, YamlTreeNode node)
    {
        var reader = YamlMapReader.Open(context, node, "rename", ["to"]);
        return new RenameAction(reader.Require(NameReader.HostName(reader, "to"), "to", "to: sql-prod-01-new"));
    }

    private static LicenseAction ReadLicense(ParseContext context, YamlTreeNode node)
    {
        var reader = YamlMapReader.Open(context, node, "license", FleetKeys.License);
        var name = reader.Require(reader.Name("name"), "name", "name: datacenter-east");

        return new LicenseAction(name, DatabaseReader.LicenseChange(reader));
    }

    private static ProviderAction ReadProvider(ParseContext context, YamlTreeNode node)
    {
        var reader = YamlMapReader.Open(context, node, "provider", ["name", "state"]);
        var name = reader.Require(reader.Enum("name", FleetValues.Providers), "name", $"name: {FleetValues.AzureArcDataProvider}");
        var state = reader.Require(reader.Enum("state", FleetValues.ProviderStates), "state", "state: NotRegistered");

        return new ProviderAction(name, state == FleetValues.Registered);
    }

    private static string ExampleOf(string actionKey) => actionKey switch
    {
        "change" => "change: { edition: Developer }",
        "disconnect" => "disconnect: { for: 6h }",
        "rename" => "rename: { to: NEW-NAME }",
        "failover" => "failover: { availabilityGroup: NAME, to: HOST }",
        "provider" => "provider: { name: Microsoft.AzureArcData, state: NotRegistered }",
        _ => $"{actionKey}: {{ name: NAME }}",
    };
}
