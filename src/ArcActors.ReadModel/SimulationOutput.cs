using System.Text.Json.Nodes;

namespace ArcActors.ReadModel;

/// <summary>
/// Writes the output files of <c>arcactors simulate --out DIR</c>: resources.json, billing.jsonl,
/// activity.jsonl and summary.json, as UTF-8 without a byte order mark and with "\n" line endings.
/// The same store contents always produce the same resources, billing and activity bytes, and summary.json
/// contains the summary passed in.
/// </summary>
public static class SimulationOutput
{
    public const string ResourcesFile = "resources.json";
    public const string BillingFile = "billing.jsonl";
    public const string ActivityFile = "activity.jsonl";
    public const string SummaryFile = "summary.json";

    public static void Write(ReadStore store, string directory, SimulationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(summary);

        Directory.CreateDirectory(directory);

        WriteText(Path.Combine(directory, ResourcesFile), ArmJson.ToIndented(new JsonArray(store.ListResources().ToArray<JsonNode?>())) + "\n");
        WriteLines(Path.Combine(directory, BillingFile), store.ListBilling().Select(BillingLine));
        WriteLines(Path.Combine(directory, ActivityFile), store.ListActivity().Select(ActivityLine));
        WriteText(Path.Combine(directory, SummaryFile), ArmJson.ToIndented(SummaryObject(summary)) + "\n");
    }

    public static JsonObject BillingLine(BillingRow row) => new()
    {
        ["hourStart"] = ArmTime.Format(row.HourStart),
        ["machine"] = row.Machine,
        ["vmId"] = row.VmId.ToString("D"),
        ["meter"] = row.Meter,
        ["cores"] = row.Cores,
        ["edition"] = row.Edition,
        ["licenseType"] = row.LicenseType,
        ["instance"] = row.Instance,
    };

    public static JsonObject ActivityLine(ActivityRow row) => new()
    {
        ["time"] = ArmTime.Format(row.Time),
        ["resourceId"] = row.ResourceId,
        ["operation"] = row.Operation,
        ["changes"] = ReadStore.ChangesObject(row.Changes),
    };

    private static JsonObject SummaryObject(SimulationSummary summary) => new()
    {
        ["hosts"] = summary.Hosts,
        ["instances"] = summary.Instances,
        ["databases"] = summary.Databases,
        ["availabilityGroups"] = summary.AvailabilityGroups,
        ["billingRecords"] = summary.BillingRecords,
        ["errors"] = summary.Errors,
        ["wallTimeSeconds"] = Math.Round(summary.WallTimeSeconds, 3),
    };

    private static void WriteLines(string path, IEnumerable<JsonObject> lines)
    {
        var text = string.Concat(lines.Select(line => ArmJson.ToCompact(line) + "\n"));
        WriteText(path, text);
    }

    private static void WriteText(string path, string text) => File.WriteAllText(path, text, ArmJson.Utf8);
}
