using ArcActors.Contracts.Inventory;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    private static void ApplySettings(WriteContext context, long offset, InstanceSettingsChanged change)
    {
        var key = change.Key.EntityId;
        context.Execute(
            $"""
            INSERT INTO instance_settings(instance_key, settings_json) VALUES (@key, @json)
            ON CONFLICT({context.Dialect.FoldedConflictTarget("instance_key")}) DO UPDATE SET settings_json = excluded.settings_json
            """,
            ("@key", key),
            ("@json", StorageJson.Serialize(change.Settings)));
        WriteActivity(context, offset, change.Scope, change.At, change.Changes, HostAgentCaller(change.HostName));
        RenderInstanceTree(context, key, change.At);
    }

    private static InstanceSettings LoadSettings(WriteContext context, string key)
    {
        var json = context.Scalar(
            $"SELECT settings_json FROM instance_settings WHERE {context.Dialect.EqualsIgnoringCase("instance_key", "@key")}",
            ("@key", key)) as string;
        return json is null ? InstanceSettings.Default : StorageJson.Deserialize<InstanceSettings>(json);
    }
}
