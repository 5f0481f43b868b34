using System.Text.Json;
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

        WriteArray(Path.Combine(directory, ResourcesFile), store.EnumerateResources());
        WriteLines(Path.Combine(directory, BillingFile), store.ListBilling().Select(BillingLine));
        WriteLines(Path.Combine(directory, ActivityFile), store.EnumerateActivity().Select(ActivityLine));
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
        ["caller"] = row.Caller,
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

    // Both writers stream: a fleet of thousands of hosts has hundreds of megabytes of output.
    private static void WriteLines(string path, IEnumerable<JsonObject> lines)
    {
        using var writer = new StreamWriter(path, append: false, ArmJson.Utf8);
        foreach (var line in lines)
        {
            writer.Write(ArmJson.ToCompact(line));
            writer.Write('\n');
        }
    }

    private static void WriteArray(string path, IEnumerable<JsonObject> items)
    {
        using (var stream = File.Create(path))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Encoder = ArmJson.Indented.Encoder,
            Indented = true,
            NewLine = "\n",
            IndentSize = 2,
        }))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                item.WriteTo(writer, ArmJson.Indented);
            }

            writer.WriteEndArray();
        }

        File.AppendAllText(path, "\n", ArmJson.Utf8);
    }

    private static void WriteText(string path, string text) => File.WriteAllText(path, text, ArmJson.Utf8);
}
