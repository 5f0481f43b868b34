using ArcActors.Node.Commands;
using ArcActors.ReadModel;
using Xunit;

namespace ArcActors.Tests.Pipeline;

public sealed class UpCommandTests : IDisposable
{
    private readonly string _folder = TestConfig.TempFolder("up");

    [Fact]
    public async Task Up_RestartRecoversWithoutDuplicates()
    {
        var options = new UpCommand.Options(TestConfig.FleetPath("sample.yaml"), _folder, Once: true, TimeSpan.FromHours(1), Verbose: false);

        var firstOutput = new StringWriter();
        Assert.Equal(0, await UpCommand.RunAsync(options, firstOutput, CancellationToken.None));
        var (firstActivity, firstBilling, firstResources) = ReadStoreRows();

        var secondOutput = new StringWriter();
        Assert.Equal(0, await UpCommand.RunAsync(options, secondOutput, CancellationToken.None));
        var (secondActivity, secondBilling, secondResources) = ReadStoreRows();

        Assert.Contains("SIMULATED", firstOutput.ToString());
        Assert.Contains("billing records", firstOutput.ToString());
        Assert.NotEmpty(firstBilling);
        Assert.Equal(firstResources, secondResources);
        Assert.Equal(firstActivity, secondActivity);
        Assert.Equal(secondBilling.Count, secondBilling.Select(row => (row.VmId, row.HourStart, row.Meter)).Distinct().Count());
        // A restart may start a new UTC hour, which bills anew; the hours already billed must be unchanged.
        var firstHours = firstBilling.Select(row => row.HourStart).ToHashSet();
        Assert.Equal(firstBilling, secondBilling.Where(row => firstHours.Contains(row.HourStart)));
    }

    private (List<string> Activity, List<BillingRow> Billing, List<string> Resources) ReadStoreRows()
    {
        using var store = ReadStore.Open(Path.Combine(_folder, "readstore.db"));
        var activity = store.ListActivity().Select(row => $"{row.Time:O} {row.ResourceId} {row.Operation}").ToList();
        var resources = store.ListResources().Select(resource => (string)resource["id"]!).ToList();
        return (activity, store.ListBilling().ToList(), resources);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
