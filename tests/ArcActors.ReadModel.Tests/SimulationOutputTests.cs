using System.Text;
using System.Text.Json.Nodes;
using ArcActors.Contracts.Billing;
using static ArcActors.ReadModel.Tests.Fixtures;

namespace ArcActors.ReadModel.Tests;

public class SimulationOutputTests : IDisposable
{
    private static readonly string[] Files = ["resources.json", "billing.jsonl", "activity.jsonl", "summary.json"];
    private readonly TempStore _temp;

    public SimulationOutputTests()
        : this(StoreProvider.Sqlite)
    {
    }

    protected SimulationOutputTests(StoreProvider provider) => _temp = new TempStore(provider);

    public void Dispose() => _temp.Dispose();

    private void Fill()
    {
        var change = new ArcActors.Contracts.Events.ResourceChange(
            "sqlServerInstances/databases", "sql-prod-01_SALES/ಠ_ಠ", "write", [new ArcActors.Contracts.Events.PropertyChange("state", "", "Online")]);
        _temp.Store.ApplyBatch("inventory", Batch(1,
            MachineEvent(Machine(), Start),
            InventoryEvent(Instance(), Start, [Database("αβγ ΔΕ"), Database("ಠ_ಠ"), Database("O'Brien [eu] data"), Database("party 🎉")], changes: [change])));
        _temp.Store.ApplyBatch("billing", Batch(1,
            UsageEvent(Start.AddHours(1), new BillingLine("Std edition - PAYG", 8, "Standard", "PAYG", "APP")),
            UsageEvent(Start, new BillingLine("Std edition - PAYG", 8, "Standard", "PAYG", "APP"))));
    }

    [StoreFact]
    public void SimulationOutput_TwoWritesByteIdentical()
    {
        Fill();
        var first = Path.Combine(_temp.Folder, "out1");
        var second = Path.Combine(_temp.Folder, "out2");
        var summary = SimulationSummary.FromStore(_temp.Store, hosts: 1, errors: 0, wallTimeSeconds: 1.25);

        SimulationOutput.Write(_temp.Store, first, summary);
        _temp.Reopen();
        SimulationOutput.Write(_temp.Store, second, summary);

        foreach (var file in Files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
        }
    }

    [StoreFact]
    public void SimulationOutput_UnicodeWrittenUnescaped()
    {
        Fill();
        var directory = Path.Combine(_temp.Folder, "out");

        SimulationOutput.Write(_temp.Store, directory, SimulationSummary.FromStore(_temp.Store, 1, 0, 0));

        var bytes = File.ReadAllBytes(Path.Combine(directory, "resources.json"));
        var text = Encoding.UTF8.GetString(bytes);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Contains("\"αβγ ΔΕ\"", text);
        Assert.Contains("\"ಠ_ಠ\"", text);
        Assert.Contains("\"O'Brien [eu] data\"", text);
        Assert.Contains("\"party 🎉\"", text);
        Assert.DoesNotContain("\\u", text);
        Assert.DoesNotContain("\r", text);
        Assert.Contains("/databases/ಠ_ಠ", File.ReadAllText(Path.Combine(directory, "activity.jsonl")));
    }

    [StoreFact]
    public void SimulationOutput_BillingLinesInFieldOrder()
    {
        Fill();
        var directory = Path.Combine(_temp.Folder, "out");

        SimulationOutput.Write(_temp.Store, directory, SimulationSummary.FromStore(_temp.Store, 1, 0, 0));

        var lines = File.ReadAllText(Path.Combine(directory, "billing.jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var first = JsonNode.Parse(lines[0])!.AsObject();
        Assert.Equal(["hourStart", "machine", "vmId", "meter", "cores", "edition", "licenseType", "instance"], first.Select(pair => pair.Key));
        Assert.Equal("2026-11-30T00:00:00Z", first["hourStart"]!.GetValue<string>());
        Assert.Equal(VmId.ToString("D"), first["vmId"]!.GetValue<string>());
    }

    [StoreFact]
    public void SimulationOutput_SummaryCounts()
    {
        Fill();
        var directory = Path.Combine(_temp.Folder, "out");

        SimulationOutput.Write(_temp.Store, directory, SimulationSummary.FromStore(_temp.Store, hosts: 1, errors: 2, wallTimeSeconds: 3.5));

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")))!.AsObject();
        Assert.Equal(["hosts", "instances", "databases", "availabilityGroups", "billingRecords", "errors", "wallTimeSeconds"], summary.Select(pair => pair.Key));
        Assert.Equal(1, summary["instances"]!.GetValue<int>());
        Assert.Equal(4, summary["databases"]!.GetValue<int>());
        Assert.Equal(2, summary["billingRecords"]!.GetValue<int>());
        Assert.Equal(2, summary["errors"]!.GetValue<int>());
    }

    [StoreFact]
    public void SimulationOutput_ResourcesSortedById()
    {
        Fill();
        var directory = Path.Combine(_temp.Folder, "out");

        SimulationOutput.Write(_temp.Store, directory, SimulationSummary.FromStore(_temp.Store, 1, 0, 0));

        var ids = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "resources.json")))!.AsArray()
            .Select(resource => resource!["id"]!.GetValue<string>())
            .ToList();
        Assert.Equal(6, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }
}
